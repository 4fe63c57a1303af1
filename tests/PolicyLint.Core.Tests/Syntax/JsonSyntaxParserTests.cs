using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Syntax;

public sealed class JsonSyntaxParserTests
{
    [Test]
    public void TabIndented_KeysAndValuesArePositioned()
    {
        var tree = Json("{\n\t\"Resources\": {\n\t\t\"Fn\": {\"Type\": \"AWS::Lambda::Function\"}\n\t}\n}\n");
        var root = (MappingNode)tree.Documents[0]!;
        var resources = root.Find("Resources")!;
        var fn = ((MappingNode)resources.Value).Find("Fn")!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(tree.Format, Is.EqualTo(SourceFormat.Json));
            Assert.That(Range(resources.Key), Is.EqualTo("2:2-2:13"), "a key is located at its opening quote");
            Assert.That(((ScalarNode)resources.Key).Style, Is.EqualTo(ScalarStyle.JsonString));
            Assert.That(Range(fn.Key), Is.EqualTo("3:3-3:7"));
            Assert.That(Range(fn.Value), Is.EqualTo("3:9-3:42"), "an object includes its braces");
            Assert.That(Range(((MappingNode)fn.Value).Find("Type")!.Value), Is.EqualTo("3:18-3:41"));
            Assert.That(Range(root), Is.EqualTo("1:1-5:2"));
            Assert.That(((MappingNode)fn.Value).IsFlow, Is.True);
        });
    }

    [Test]
    public void Escapes_AreUnescaped_AndPositionsFollowTheTextAsWritten()
    {
        var tree = Json("{\"a\": \"caf\\u00e9\\n\", \"b\": \"\\ud834\\udd1e\", \"c\": 1}");
        var root = (MappingNode)tree.Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("a")!.AsScalar()!.Value, Is.EqualTo("café\n"));
            Assert.That(root.GetValue("b")!.AsScalar()!.Value, Is.EqualTo("𝄞"));
            Assert.That(Range(root.GetValue("a")!), Is.EqualTo("1:7-1:20"));
            Assert.That(Range(root.Find("b")!.Key), Is.EqualTo("1:22-1:25"));
            Assert.That(Range(root.Find("c")!.Key), Is.EqualTo("1:43-1:46"));
        });
    }

    [Test]
    public void NonAsciiText_CountsUtf16Units_NotBytes()
    {
        var tree = Json("{\"é\": \"€\", \"𝄞\": \"中\", \"k\": true}");
        var root = (MappingNode)tree.Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(Range(root.Find("é")!.Value), Is.EqualTo("1:7-1:10"));
            Assert.That(Range(root.Find("𝄞")!.Key), Is.EqualTo("1:12-1:16"));
            Assert.That(Range(root.Find("k")!.Key), Is.EqualTo("1:23-1:26"));
            Assert.That(Range(root.Find("k")!.Value), Is.EqualTo("1:28-1:32"));
            Assert.That(((ScalarNode)root.Find("k")!.Value).Style, Is.EqualTo(ScalarStyle.JsonLiteral));
        });
    }

    [Test]
    public void Numbers_AreKeptAsWritten()
    {
        var root = (MappingNode)Json("{\"big\": 12345678901234567890123, \"exp\": 1.0e+400, \"neg\": -0.10}").Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("big")!.AsScalar()!.Value, Is.EqualTo("12345678901234567890123"));
            Assert.That(root.GetValue("big")!.AsScalar()!.Style, Is.EqualTo(ScalarStyle.JsonNumber));
            Assert.That(root.GetValue("exp")!.AsScalar()!.Value, Is.EqualTo("1.0e+400"));
            Assert.That(root.GetValue("neg")!.AsScalar()!.Value, Is.EqualTo("-0.10"));
            Assert.That(Range(root.GetValue("big")!), Is.EqualTo("1:9-1:32"));
        });
    }

    [Test]
    public void Null_IsANullScalar_AndNullDocumentIsNull()
    {
        var root = (MappingNode)Json("{\"a\": null}").Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("a")!.AsScalar()!.IsNull, Is.True);
            Assert.That(Json("null").Documents, Is.EqualTo(new SyntaxNode?[] { null }));
        });
    }

    [Test]
    public void DuplicateKeys_EachRepeatIsAProblemAtItsOpeningQuote()
    {
        var tree = Json("{\"a\": 1,\n \"b\": 2,\n \"a\": 3,\n \"a\": {\"x\": 1, \"x\": 2}}");

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "3:2-3:5", "4:2-4:5", "4:16-4:19" }));
            Assert.That(tree.Problems.Select(p => p.Message), Is.EqualTo(new[]
            {
                "Duplicate key 'a' (first defined at line 1)",
                "Duplicate key 'a' (first defined at line 1)",
                "Duplicate key 'x' (first defined at line 4)",
            }));
            Assert.That(tree.Problems.Select(p => p.Kind), Has.All.EqualTo(SyntaxProblemKind.DuplicateKey));
            Assert.That(tree.Problems[0].Parent, Is.SameAs(tree.Documents[0]));
            Assert.That(tree.Problems[2].Parent, Is.SameAs(((MappingNode)tree.Documents[0]!).Entries[3].Value));
            Assert.That(tree.FatalError, Is.Null);
        });
    }

    [Test]
    public void DuplicateKeys_InALargeObject()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"\"k{i}\": {i}").Append("\"k2\": 2").Append("\"k9\": 9");
        var tree = Json("{" + string.Join(",\n", keys) + "}");

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "11:1-11:5", "12:1-12:5" }));
            Assert.That(tree.Problems.Select(p => p.Message), Is.EqualTo(new[]
            {
                "Duplicate key 'k2' (first defined at line 3)",
                "Duplicate key 'k9' (first defined at line 10)",
            }));
        });
    }

    [Test]
    public void DeepNesting_TwoHundredLevels_Parses()
    {
        var tree = JsonSyntaxParser.Parse(CaseSource("037-alias-amplification-and-deep-nesting/deep.json", "deep.json"));
        SyntaxNode node = ((MappingNode)((MappingNode)tree.Documents[0]!).GetValue("Metadata")!).GetValue("Generated")!;
        var depth = 0;
        while (node is SequenceNode { Count: 1 } sequence)
        {
            depth++;
            node = sequence[0];
        }

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(depth, Is.EqualTo(200));
            Assert.That(((ScalarNode)node).Value, Is.EqualTo("deep"));
        });
    }

    [Test]
    public void Nodes_BeyondTheLimit_AreALimitProblemAtTheNodeThatCrossesIt()
    {
        var accepted = Json("{\"a\": [1, {\"b\": null}]}", new ParseLimits(MaxNodes: 7));
        var rejected = Json("{\"a\": [1, {\"b\": null}, 2]}", new ParseLimits(MaxNodes: 7));

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Problems, Is.Empty);
            Assert.That(accepted.NodeCount, Is.EqualTo(7));
            Assert.That(rejected.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            Assert.That(Range(rejected.FatalError.Location), Is.EqualTo("1:24-1:25"));
            Assert.That(rejected.FatalError.Message, Is.EqualTo("The file holds more than the limit of 7 nodes (mappings, sequences and scalars)"));
            Assert.That(rejected.Documents, Is.Empty);
        });
    }

    [Test]
    public void Depth_ExactlyTheLimit_IsAccepted()
    {
        var tree = Json("[[[1]]]", new ParseLimits(MaxDepth: 3));

        Assert.That(tree.Problems, Is.Empty);
    }

    [Test]
    public void Depth_BeyondTheLimit_IsALimitProblemAtTheNodeThatCrossesIt()
    {
        var tree = Json("{\"a\": [[{\"b\": 1}]]}", new ParseLimits(MaxDepth: 3));

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            Assert.That(Range(tree.FatalError.Location), Is.EqualTo("1:9-1:10"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Nesting is deeper than the limit of 3 levels"));
            Assert.That(tree.Documents, Is.Empty);
        });
    }

    [Test]
    public void Depth_TheDeepCaseFile_AgainstALowerLimit()
    {
        var tree = JsonSyntaxParser.Parse(CaseSource("037-alias-amplification-and-deep-nesting/deep.json", "deep.json"), new ParseLimits(MaxDepth: 201));

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            Assert.That(tree.FatalError.Location.Start, Is.EqualTo(new LinePosition(3, 228)), "the 200th '[' is the 202nd level");
        });
    }

    [Test]
    public void UnclosedObject_AtEnd_IsAtTheEndOfContent()
    {
        var tree = Json("{\n  \"a\": 1\n");

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.SyntaxError));
            Assert.That(Range(tree.FatalError.Location), Is.EqualTo("2:9-2:9"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid JSON: the file ends inside the JSON object opened at 1:1 (expected ',' or '}')"));
        });
    }

    [Test]
    public void UnclosedArray_AtEnd_WithoutFinalNewline()
    {
        var tree = Json("{\"a\": [1, 2");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("1:12-1:12"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid JSON: the file ends inside the JSON array opened at 1:7 (expected ',' or ']')"));
        });
    }

    [Test]
    public void UnclosedObject_EndingInANumber_SaysTheFileEndsInsideIt()
    {
        var tree = Json("{\"a\": 1");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("1:8-1:8"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid JSON: the file ends inside the JSON object opened at 1:1 (expected ',' or '}')"));
        });
    }

    [Test]
    public void BadToken_IsAtTheFirstCharacterThatCannotBeAccepted()
    {
        var tree = Json("{\n  \"a\": 1,\n  \"b\": nope\n}");

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.SyntaxError));
            Assert.That(Range(tree.FatalError.Location), Is.EqualTo("3:9-3:10"), "'n' may start null; 'o' cannot follow it (docs/conventions.md#c2)");
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid JSON: invalid literal 'nope' (a JSON value is true, false, null, a number, a string in double quotes, an object or an array)"));
            Assert.That(tree.Documents, Is.Empty);
        });
    }

    /// <summary>Every kind of JSON syntax error gets a PolicyLint message naming what was expected and found (never the
    /// reader's own text, which names its options) and is located at the offending character (docs/conventions.md#c2).</summary>
    [TestCase("{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\",}}}", "1:48-1:49",
        "trailing comma: the ',' at 1:47 is followed by '}' instead of another property (JSON allows no comma after the last property)",
        TestName = "TrailingComma_InAnObject_IsAtTheBraceAfterIt")]
    [TestCase("{\"a\": [1, 2,\n  ]}", "2:3-2:4",
        "trailing comma: the ',' at 1:12 is followed by ']' instead of another value (JSON allows no comma after the last array item)",
        TestName = "TrailingComma_InAnArray_IsAtTheBracketAfterIt_NamingTheCommaOnAnEarlierLine")]
    [TestCase("{\"a\": 1\n \"b\": 2}", "2:2-2:3",
        "expected ',' or '}' after the value of 'a', found the string \"b\"",
        TestName = "MissingComma_BetweenMembers_IsAtTheNextKey")]
    [TestCase("[\"x\" true]", "1:6-1:7",
        "expected ',' or ']' after an array item, found 'true'",
        TestName = "MissingComma_BetweenItems_IsAtTheNextItem")]
    [TestCase("{\"Type\" \"AWS::SNS::Topic\"}", "1:9-1:10",
        "expected ':' after property name 'Type', found the string \"AWS:…\" (15 characters)",
        TestName = "MissingColon_IsAtTheValue")]
    [TestCase("{\"a\": \"abc", "1:11-1:11",
        "the file ends inside the string opened at 1:7 (expected '\"')",
        TestName = "UnterminatedString_AtTheEndOfTheFile")]
    [TestCase("{\"a\": \"abc\n}", "1:11-2:1",
        "the string opened at 1:7 is not closed on its line (expected '\"'; a line break inside a JSON string is written \\n)",
        TestName = "UnterminatedString_AtTheLineBreak")]
    [TestCase("{\"a\": tru}", "1:10-1:11",
        "invalid literal 'tru' (a JSON value is true, false, null, a number, a string in double quotes, an object or an array)",
        TestName = "InvalidLiteral_CutShort_IsAtTheCharacterAfterIt")]
    [TestCase("{\"a\": 01}", "1:8-1:9",
        "invalid number '01' (a JSON number is written like 0, -12, 0.5 or 1e-3: no leading zeros, '+' sign or bare '.')",
        TestName = "InvalidNumber_LeadingZero_IsAtTheDigitAfterIt")]
    [TestCase("{\"a\": +1}", "1:7-1:8",
        "invalid number '+1' (a JSON number is written like 0, -12, 0.5 or 1e-3: no leading zeros, '+' sign or bare '.')",
        TestName = "InvalidNumber_PlusSign_IsAtTheSign")]
    [TestCase("{\"a\": 1.}", "1:9-1:10",
        "invalid number '1.' (a JSON number is written like 0, -12, 0.5 or 1e-3: no leading zeros, '+' sign or bare '.')",
        TestName = "InvalidNumber_CutShort_IsAtTheCharacterAfterIt")]
    [TestCase("{\"a\": truex}", "1:11-1:12",
        "expected ',' or '}' after the value of 'a', found 'x'",
        TestName = "LiteralFollowedByALetter_IsAtTheLetter")]
    [TestCase("{\"a\": 'x'}", "1:7-1:8",
        "expected a value for 'a', found a single quote (JSON strings are written in double quotes)",
        TestName = "SingleQuotedString")]
    [TestCase("{a: 1}", "1:2-1:3",
        "expected a property name in double quotes or '}', found 'a'",
        TestName = "UnquotedPropertyName")]
    [TestCase("{\"a\": }", "1:7-1:8",
        "expected a value for 'a', found '}'",
        TestName = "MissingValue")]
    [TestCase("{\"a\": {\"b\": [1", "1:15-1:15",
        "the file ends inside the JSON array opened at 1:13 (expected ',' or ']')",
        TestName = "UnexpectedEndOfFile_NamesTheInnermostContainer")]
    [TestCase("{\"a\"", "1:5-1:5",
        "the file ends inside the JSON object opened at 1:1 (expected ':')",
        TestName = "UnexpectedEndOfFile_AfterAPropertyName")]
    [TestCase("  \n", "1:3-1:3",
        "the file holds no JSON value",
        TestName = "UnexpectedEndOfFile_NoValueAtAll")]
    [TestCase("{\n  // generated\n  \"a\": 1\n}", "2:3-2:4",
        "comments are not allowed in JSON (found '//')",
        TestName = "LineComment_IsAtTheSlash")]
    [TestCase("{\"a\": 1 /* x */}", "1:9-1:10",
        "comments are not allowed in JSON (found '/*')",
        TestName = "BlockComment_IsAtTheSlash")]
    [TestCase("{\"a\": \"C:\\x\"}", "1:10-1:11",
        "invalid escape sequence '\\x' in a string (a backslash starts \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)",
        TestName = "InvalidEscape_IsAtTheBackslash")]
    [TestCase("{\"a\": \"\\u12G4\"}", "1:8-1:9",
        "invalid escape sequence '\\u12G' in a string ('\\u' takes four hexadecimal digits)",
        TestName = "InvalidUnicodeEscape_IsAtTheBackslash")]
    [TestCase("{\"a\": \"\\ud800\"}", "1:8-1:9",
        "invalid escape sequence '\\ud800' in a string: it is half of a UTF-16 surrogate pair, without the other half",
        TestName = "LoneSurrogateEscape_IsAtTheBackslash")]
    [TestCase("{\"a\": \"x\ty\"}", "1:9-1:10",
        "control character U+0009 inside a string (write it escaped, as \\t)",
        TestName = "ControlCharacterInAString_IsAtTheCharacter")]
    [TestCase("{\"k\u0001\": 1}", "1:4-1:5",
        "control character U+0001 inside a string (write it escaped, as \\u0001)",
        TestName = "ControlCharacterInAPropertyName")]
    [TestCase("{\"a\": 1}\n}", "2:1-2:2",
        "found '}' after the JSON value that ends at 1:8 (a JSON file holds one value)",
        TestName = "GarbageAfterTheRootValue_IsAtItsFirstCharacter")]
    [TestCase("{\"a\": 1} {\"b\": 2}", "1:10-1:11",
        "found '{' after the JSON value that ends at 1:8 (a JSON file holds one value)",
        TestName = "SecondRootValue")]
    [TestCase("{\"é\": \"€\", \"𝄞\": 1 x}", "1:20-1:21",
        "expected ',' or '}' after the value of '𝄞', found 'x'",
        TestName = "ErrorPosition_CountsUtf16Units")]
    public void SyntaxError_IsWordedAndLocated(string json, string range, string message)
    {
        var tree = Json(json);

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.SyntaxError));
            Assert.That(Range(tree.FatalError.Location), Is.EqualTo(range));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid JSON: " + message));
            Assert.That(tree.Problems, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void ByteOrderMark_IsNotAColumn()
    {
        var tree = JsonSyntaxParser.Parse(SourceText.Decode("t.json", [0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8], out _));

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(Range(((MappingNode)tree.Documents[0]!).Entries[0].Key), Is.EqualTo("1:2-1:5"));
        });
    }

    [Test]
    public void CrlfLineEnds_CountAsOneLineBreak()
    {
        var tree = Json("{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}");
        var root = Json("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}").Documents[0] as MappingNode;

        Assert.Multiple(() =>
        {
            Assert.That(Range(root!.Find("b")!.Key), Is.EqualTo("3:3-3:6"));
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("3:8-3:9"));
        });
    }
}
