using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// Resolves template expressions offline: <c>Ref</c> (parameters with defaults and overrides, pseudo parameters,
/// resources), <c>Fn::Sub</c> (both forms), <c>Fn::Join</c>, <c>Fn::If</c> (conditions evaluated three-valued),
/// <c>Fn::FindInMap</c>, <c>Fn::Select</c>, <c>Fn::Split</c>, <c>Fn::GetAtt</c>, <c>Fn::ImportValue</c>,
/// <c>Fn::Base64</c>. An invalid intrinsic form is unknown (the binder reported it as PL0001, docs/conventions.md#c4).
/// The possible-values resolver (exclusion tags, docs/conventions.md#c8) also enumerates what a value may take where
/// the set is known offline: a parameter's <c>AllowedValues</c> (no override), every row or second-level key of
/// <c>Fn::FindInMap</c> for a key that cannot be known, every item of <c>Fn::Select</c> for an index that cannot be
/// known; at most <see cref="ResolvedValue.MaxAlternatives"/> values, beyond which the value is unknown.
/// </summary>
/// <remarks>Thread-safe. Sources: AWS CloudFormation User Guide, "Intrinsic function reference",
/// "Pseudo parameters reference", "Parameters" (SSM parameter types).</remarks>
public sealed class ValueResolver
{
    private readonly TemplateModel _template;
    private readonly ResolutionSettings _settings;
    // Boxed TriState values: a framework dictionary over a value type has no ReadyToRun code (it is JIT-compiled at
    // every start), one over object does. Created on the first condition evaluated, and small: every template has two
    // resolvers that stay live until the run ends, and most evaluate few conditions or none (issue 15).
    private ConcurrentDictionary<string, object>? _conditionCache;
    private readonly bool _everyBranch;
    private readonly bool _possibleValues;

    /// <summary>At most this many entries are read for one <c>Fn::FindInMap</c> whose keys are enumerated.</summary>
    private const int MaxMappingLookups = 4096;

    internal ValueResolver(TemplateModel template, ResolutionSettings settings, bool everyBranch = false, bool possibleValues = false)
    {
        _template = template;
        _settings = settings;
        _everyBranch = everyBranch || possibleValues;
        _possibleValues = possibleValues;
    }

    /// <summary>Resolves <paramref name="node"/> to the values it may take. Never throws on bad input.</summary>
    public ResolvedValue Resolve(SyntaxNode node) => Resolve(node, 0);

    /// <summary>Evaluates the named condition of the template: unknown when it depends on an unknown value,
    /// is not declared, or is circular.</summary>
    public TriState EvaluateCondition(string name) => EvaluateCondition(name, ImmutableHashSet<string>.Empty);

    /// <summary>Evaluates a condition expression (<c>Fn::Equals</c>, <c>Fn::And</c>, <c>Fn::Or</c>, <c>Fn::Not</c>,
    /// <c>Condition</c>).</summary>
    public TriState EvaluateConditionExpression(SyntaxNode node) => Evaluate(node, ImmutableHashSet<string>.Empty);

    private ResolvedValue Resolve(SyntaxNode node, int depth)
    {
        node = node.Resolve();
        if (depth > 64)
            return ResolvedValue.Unresolved("the expression nests too deeply", node);
        if (node.Tag is { } tag && !ShortFormTags.IsStandardYamlTag(tag))
            return ResolvedValue.Unresolved($"tag '{tag}' is not CloudFormation: another tool (a pre-processor or macro) replaces it before deployment", node);
        switch (node)
        {
            case ScalarNode { IsNull: true }:
                return ResolvedValue.Of(NoValue.Instance);
            case ScalarNode scalar:
                return scalar.Value.Contains("{{resolve:", StringComparison.Ordinal)
                    ? ResolvedValue.Unresolved($"the dynamic reference '{Truncate(scalar.Value)}' is resolved at deploy time", scalar)
                    : ResolvedValue.Literal(scalar.Value);
            case SequenceNode sequence:
            {
                var items = ImmutableArray.CreateBuilder<ResolvedValue>(sequence.Count);
                foreach (var item in sequence.Items)
                    items.Add(Resolve(item, depth + 1));
                return ResolvedValue.Of(new ListValue(items.MoveToImmutable()));
            }

            case MappingNode mapping when IntrinsicFunction.TryGet(mapping, out var function):
                return ResolveFunction(function, depth);
            default:
                return ResolvedValue.Of(new StructureValue(node));
        }
    }

    private ResolvedValue ResolveFunction(IntrinsicFunction function, int depth)
    {
        if (IntrinsicFunction.IsPreprocessorDirective(function.Argument))
            return ResolvedValue.Unresolved($"the argument of {function.Name} is a pre-processor's directive, replaced before deployment", function.Node);
        if (function.ValidateForm() is not null)
            return ResolvedValue.Unresolved($"{function.Name} has an invalid form", function.Node);

        var arg = function.Argument;
        var items = arg as SequenceNode;
        switch (function.Name)
        {
            case "Ref":
                return ResolveRef(((ScalarNode)arg).Value, function.Node);
            case "Fn::GetAtt":
                return ResolveGetAtt(function, depth);
            case "Fn::Sub":
                return ResolveSub(function, depth);
            case "Fn::Join":
                return ResolveJoin(function, depth);
            case "Fn::If":
            {
                var condition = ((ScalarNode)items![0]).Value;
                var decided = EvaluateCondition(condition); // also when every branch is taken: it validates the condition's form
                return (_everyBranch ? TriState.Unknown : decided) switch
                {
                    TriState.True => Resolve(items.Items[1], depth + 1),
                    TriState.False => Resolve(items.Items[2], depth + 1),
                    _ => ResolvedValue.Union(function.Node, Resolve(items.Items[1], depth + 1), Resolve(items.Items[2], depth + 1)),
                };
            }

            case "Fn::FindInMap":
                return ResolveFindInMap(function, depth);
            case "Fn::Select":
                return ResolveSelect(function, depth);
            case "Fn::Split":
            {
                var delimiter = ((ScalarNode)items![0]).Value;
                var source = Resolve(items.Items[1], depth + 1);
                if (!source.TryGetString(out var text) || delimiter.Length == 0)
                    return ResolvedValue.Unresolved($"Fn::Split of {Describe(source)}", function.Node);
                var parts = text.Split(delimiter).Select(ResolvedValue.Literal).ToImmutableArray();
                return ResolvedValue.Of(new ListValue(parts));
            }

            case "Fn::ImportValue":
                return ResolvedValue.Of(new ImportedValue(Resolve(arg, depth + 1), function.Node));
            case "Fn::Base64":
            {
                var source = Resolve(arg, depth + 1);
                return source.TryGetString(out var text)
                    ? ResolvedValue.Literal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))
                    : ResolvedValue.Unresolved($"Fn::Base64 of {Describe(source)}", function.Node);
            }

            case "Fn::GetAZs":
                return ResolvedValue.Unresolved("Fn::GetAZs lists Availability Zones at deploy time", function.Node);
            case "Fn::Cidr":
                return ResolvedValue.Unresolved("Fn::Cidr is computed at deploy time", function.Node);
            case "Fn::Transform":
                return ResolvedValue.Unresolved("Fn::Transform runs a macro at deploy time", function.Node);
            default:
                return ResolvedValue.Unresolved($"{function.Name} is not evaluated", function.Node);
        }
    }

    private ResolvedValue ResolveRef(string name, SyntaxNode node)
    {
        switch (name)
        {
            case "AWS::NoValue":
                return ResolvedValue.Of(NoValue.Instance);
            case "AWS::Partition":
                return ResolvedValue.Literal("aws");
            case "AWS::URLSuffix":
                return ResolvedValue.Literal("amazonaws.com");
            case "AWS::StackName":
                return Configured(_settings.StackName, name, "stack_name in samconfig or .policylint.yaml, or --stack-name", node);
            case "AWS::Region":
                return Configured(_settings.Region, name, "region in samconfig", node);
            case "AWS::AccountId":
                return Configured(_settings.AccountId, name, "an account ID", node);
            case "AWS::StackId":
            case "AWS::NotificationARNs":
                return ResolvedValue.Unresolved($"{name} is known only at deploy time", node);
        }

        if (_template.Parameters.TryGetValue(name, out var parameter))
            return ResolveParameter(parameter, node);
        if (_template.GetResource(name) is { } resource)
            return ResolvedValue.Of(new ResourceReferenceValue(name, null, resource.Type, node));
        return ResolvedValue.Unresolved($"'{name}' is not declared in the template", node);
    }

    private static ResolvedValue Configured(string? value, string name, string what, SyntaxNode node) =>
        value is not null
            ? ResolvedValue.Literal(value)
            : ResolvedValue.Unresolved($"{name} is not known offline (configure {what})", node);

    private ResolvedValue ResolveParameter(Parameter parameter, SyntaxNode node)
    {
        string? text;
        if (_settings.ParameterOverrides.TryGetValue(parameter.Name, out var overridden))
            text = overridden;
        else if (_possibleValues && AllowedValues(parameter) is { } allowed)
            return allowed;
        else if (parameter.Default is { } defaultNode && defaultNode.Resolve() is ScalarNode { IsNull: false } scalar)
            text = scalar.Value;
        else if (parameter.Default?.Resolve() is SequenceNode list)
            return Resolve(list);
        else
            return ResolvedValue.Unresolved($"parameter '{parameter.Name}' has no default", node);

        if (parameter.Type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
            return ResolvedValue.Unresolved($"parameter '{parameter.Name}' is read from SSM parameter '{text}' at deploy time", node);
        if (parameter.IsList)
            return ResolvedValue.Of(new ListValue([.. text.Split(',').Select(s => ResolvedValue.Literal(s.Trim()))]));
        return ResolvedValue.Literal(text);
    }

    /// <summary>A string parameter's <c>AllowedValues</c> (deployment may pass any of them, whatever the default), or
    /// null when it has none or is a list or SSM parameter.</summary>
    private static ResolvedValue? AllowedValues(Parameter parameter)
    {
        if (parameter.IsList || parameter.Type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal)
            || parameter.Entry.Value.Resolve() is not MappingNode body || body.GetValue("AllowedValues")?.Resolve() is not SequenceNode { Count: > 0 } list)
            return null;
        var via = $"parameter '{parameter.Name}' allows it";
        var values = new List<ValueAlternative>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item.Resolve() is not ScalarNode { IsNull: false, Tag: null } scalar)
                return null; // not a plain list of strings: CloudFormation rejects it (the default stays the value)
            if (seen.Add(scalar.Value))
                values.Add(new LiteralValue(scalar.Value) { Via = via });
        }

        return values.Count > ResolvedValue.MaxAlternatives
            ? ResolvedValue.Unresolved($"parameter '{parameter.Name}' allows more than {ResolvedValue.MaxAlternatives} values", list)
            : new ResolvedValue([.. values]);
    }

    private ResolvedValue ResolveGetAtt(IntrinsicFunction function, int depth)
    {
        string logicalId;
        string? attribute;
        if (function.Argument is ScalarNode scalar)
        {
            // The short form and the string form split at the first dot only: KeyStack.Outputs.KeyArn is
            // resource KeyStack, attribute Outputs.KeyArn.
            var dot = scalar.Value.IndexOf('.', StringComparison.Ordinal);
            logicalId = scalar.Value[..dot];
            attribute = scalar.Value[(dot + 1)..];
        }
        else
        {
            var items = (SequenceNode)function.Argument;
            if (!Resolve(items.Items[0], depth + 1).TryGetString(out logicalId))
                return ResolvedValue.Unresolved("the logical ID of Fn::GetAtt cannot be known offline", function.Node);
            var attributeValue = Resolve(items.Items[1], depth + 1);
            attribute = attributeValue.TryGetString(out var a) ? a : null;
        }

        return _template.GetResource(logicalId) is { } resource
            ? ResolvedValue.Of(new ResourceReferenceValue(logicalId, attribute ?? "(unresolved attribute)", resource.Type, function.Node))
            : ResolvedValue.Unresolved($"'{logicalId}' is not declared in the template", function.Node);
    }

    private ResolvedValue ResolveSub(IntrinsicFunction function, int depth)
    {
        string format;
        MappingNode? variables = null;
        if (function.Argument is ScalarNode scalar)
            format = scalar.Value;
        else
        {
            var items = (SequenceNode)function.Argument;
            format = ((ScalarNode)items[0]).Value;
            variables = (MappingNode)items[1];
        }

        // CloudFormation resolves a dynamic reference in the substituted string at deploy time.
        if (format.Contains("{{resolve:", StringComparison.Ordinal))
            return ResolvedValue.Unresolved($"the dynamic reference '{Truncate(format)}' is resolved at deploy time", function.Node);

        // Each piece is a list of alternatives; the result is their product (bounded).
        var pieces = new List<ResolvedValue>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var open = format.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(format, i, format.Length - i);
                break;
            }

            literal.Append(format, i, open - i);
            var close = format.IndexOf('}', open + 2);
            if (close < 0)
            {
                literal.Append(format, open, format.Length - open);
                break;
            }

            if (format[open + 2] == '!')
            {
                // ${!Literal} writes ${Literal}.
                literal.Append("${").Append(format, open + 3, close - open - 3).Append('}');
                i = close + 1;
                continue;
            }

            var name = format[(open + 2)..close].Trim();
            if (literal.Length > 0)
            {
                pieces.Add(ResolvedValue.Literal(literal.ToString()));
                literal.Clear();
            }

            pieces.Add(ResolveSubVariable(name, variables, function.Node, depth));
            i = close + 1;
        }

        if (literal.Length > 0 || pieces.Count == 0)
            pieces.Add(ResolvedValue.Literal(literal.ToString()));
        return Concatenate(pieces, string.Empty, function.Node);
    }

    private ResolvedValue ResolveSubVariable(string name, MappingNode? variables, SyntaxNode node, int depth)
    {
        if (variables?.Find(name) is { } variable)
            return Resolve(variable.Value, depth + 1);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            var logicalId = name[..dot];
            return _template.GetResource(logicalId) is { } resource
                ? ResolvedValue.Of(new ResourceReferenceValue(logicalId, name[(dot + 1)..], resource.Type, node))
                : ResolvedValue.Unresolved($"'{logicalId}' is not declared in the template", node);
        }

        return ResolveRef(name, node);
    }

    private ResolvedValue ResolveJoin(IntrinsicFunction function, int depth)
    {
        var items = (SequenceNode)function.Argument;
        var delimiter = ((ScalarNode)items[0]).Value;
        var list = Resolve(items.Items[1], depth + 1);
        if (list.Alternatives is not [ListValue listValue])
            return ResolvedValue.Unresolved($"Fn::Join of {Describe(list)}", function.Node);
        var pieces = listValue.Items.Where(v => !v.IsNoValue).ToList();
        return Concatenate(pieces, delimiter, function.Node);
    }

    private ResolvedValue ResolveFindInMap(IntrinsicFunction function, int depth)
    {
        var items = (SequenceNode)function.Argument;
        var keys = new string[3];
        ResolvedValue? enumerated = null;
        for (var k = 0; k < 3; k++)
        {
            var key = Resolve(items.Items[k], depth + 1);
            if (key.TryGetString(out keys[k]))
                continue;
            if (_possibleValues && k > 0 && keys[0] is not null && _template.Mappings?.GetValue(keys[0])?.AsMapping() is { } map)
            {
                enumerated = EnumerateFindInMap(function, map, keys[0], depth);
                break;
            }

            return ResolvedValue.Unresolved($"Fn::FindInMap key {Describe(key)}", function.Node);
        }

        if (enumerated is not null)
            return enumerated;
        var value = _template.Mappings?.GetValue(keys[0])?.AsMapping()?.GetValue(keys[1])?.AsMapping()?.Find(keys[2]);
        if (value is not null)
            return Resolve(value.Value, depth + 1);
        if (items.Count == 4 && items[3].AsMapping()?.Find("DefaultValue") is { } fallback)
            return Resolve(fallback.Value, depth + 1);
        return ResolvedValue.Unresolved($"mapping '{keys[0]}' has no entry [{keys[1]}][{keys[2]}]", function.Node);
    }

    /// <summary>
    /// The values of <c>Fn::FindInMap</c> over <paramref name="map"/> when a key is not one string (possible values
    /// only): for each key, the strings it may be (every branch of <c>Fn::If</c>), or every key of that level when it
    /// may be a value that cannot be known offline; an entry missing for some combination is a deployment that fails
    /// (or takes <c>DefaultValue</c>). More than <see cref="ResolvedValue.MaxAlternatives"/> values is unknown.
    /// </summary>
    private ResolvedValue EnumerateFindInMap(IntrinsicFunction function, MappingNode map, string mapName, int depth)
    {
        var items = (SequenceNode)function.Argument;
        var unknownKeys = new List<string>();
        IReadOnlyList<string> Choices(int k, Func<IEnumerable<MappingNode>> levels)
        {
            var key = Resolve(items.Items[k], depth + 1);
            var known = key.Alternatives.All(a => a is LiteralValue);
            // A key that is one of a set (a parameter's AllowedValues) is as unknown to a reader as one that is not.
            if (!known || key.Alternatives.Any(a => a is LiteralValue { Via: not null }))
            {
                unknownKeys.Add(IntrinsicFunction.TryGet(items.Items[k], out var f) && f.Name == "Ref" && f.Argument is ScalarNode r
                    ? $"an unknown {r.Value}"
                    : k == 1 ? "an unknown top-level key" : "an unknown second-level key");
            }

            if (known)
                return [.. key.LiteralTexts];
            var all = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var level in levels())
            {
                foreach (var entry in level.EffectiveEntries())
                {
                    if (entry.KeyText is { } text && seen.Add(text))
                        all.Add(text);
                }
            }

            return all;
        }

        var rowKeys = Choices(1, () => [map]);
        var rows = rowKeys.Select(r => map.GetValue(r)?.AsMapping()).OfType<MappingNode>().ToList();
        var valueKeys = Choices(2, () => rows);
        var via = unknownKeys.Count > 0 ? $"Fn::FindInMap over {mapName} with {string.Join(" and ", unknownKeys)}" : null;
        var fallback = items.Count == 4 ? items[3].AsMapping()?.Find("DefaultValue") : null;

        // Work is bounded too (a mapping of many rows whose entries repeat few values is common: one row per Region).
        if ((long)rowKeys.Count * valueKeys.Count > MaxMappingLookups)
            return ResolvedValue.Unresolved($"Fn::FindInMap over {mapName} has more than {MaxMappingLookups} entries it may read", function.Node);
        var results = new List<ResolvedValue>();
        var missing = false;
        foreach (var rowKey in rowKeys)
        {
            var row = map.GetValue(rowKey)?.AsMapping();
            foreach (var valueKey in valueKeys)
            {
                if (row?.Find(valueKey) is { } entry)
                    results.Add(Resolve(entry.Value, depth + 1));
                else
                    missing = true;
            }
        }

        if (missing && fallback is not null)
            results.Add(Resolve(fallback.Value, depth + 1));
        if (results.Count == 0)
            return ResolvedValue.Unresolved($"mapping '{mapName}' has no entry for the keys Fn::FindInMap may take", function.Node);
        return WithVia(ResolvedValue.Union(function.Node, [.. results]), via);
    }

    /// <summary>The value with <paramref name="via"/> on each literal that has no note yet.</summary>
    private static ResolvedValue WithVia(ResolvedValue value, string? via) =>
        via is null || !value.Alternatives.Any(a => a is LiteralValue { Via: null })
            ? value
            : new ResolvedValue([.. value.Alternatives.Select(a => a is LiteralValue { Via: null } l ? l with { Via = via } : a)]);

    private ResolvedValue ResolveSelect(IntrinsicFunction function, int depth)
    {
        var items = (SequenceNode)function.Argument;
        var index = Resolve(items.Items[0], depth + 1);
        var list = Resolve(items.Items[1], depth + 1);
        if (!index.TryGetString(out var indexText) || !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            // Possible values: an index that cannot be known offline may pick any item of a known list.
            if (_possibleValues && list.Alternatives is [ListValue { Items.Length: > 0 } every])
            {
                var literal = index.Alternatives.All(a => a is LiteralValue l && int.TryParse(l.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _));
                var picked = literal
                    ? index.LiteralTexts.Select(t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture)).Where(n => n < every.Items.Length).Select(n => every.Items[n]).ToArray()
                    : [.. every.Items];
                if (picked.Length > 0)
                    return WithVia(ResolvedValue.Union(function.Node, picked),
                        literal && !index.Alternatives.Any(a => a is LiteralValue { Via: not null }) ? null : "Fn::Select with an unknown index");
            }

            return ResolvedValue.Unresolved($"Fn::Select index {Describe(index)}", function.Node);
        }

        if (list.Alternatives is not [ListValue listValue])
            return ResolvedValue.Unresolved($"Fn::Select from {Describe(list)}", function.Node);
        return i < listValue.Items.Length
            ? listValue.Items[i]
            : ResolvedValue.Unresolved(FormattableString.Invariant($"Fn::Select index {i} is past the end of a list of {listValue.Items.Length}"), function.Node);
    }

    /// <summary>One way to join the pieces so far, with the note of the first possible value it took. A class, not a
    /// value tuple: a list of value tuples is in no ReadyToRun image and was JIT-compiled at every start that reads an
    /// <c>Fn::Sub</c> or <c>Fn::Join</c> (issue 15).</summary>
    private sealed record Combination(List<StringPart> Parts, string? Via);

    /// <summary>The product of the pieces' alternatives, each joined with <paramref name="delimiter"/>.</summary>
    private static ResolvedValue Concatenate(List<ResolvedValue> pieces, string delimiter, SyntaxNode node)
    {
        // Each combination keeps the note of the first possible value it took (LiteralValue.Via), for messages.
        var combinations = new List<Combination> { new([], null) };
        for (var p = 0; p < pieces.Count; p++)
        {
            var next = new List<Combination>();
            foreach (var (prefix, via) in combinations)
            {
                foreach (var alternative in pieces[p].Alternatives)
                {
                    var parts = new List<StringPart>(prefix);
                    if (p > 0 && delimiter.Length > 0)
                        parts.Add(new StringPart(delimiter, null));
                    parts.AddRange(ToParts(alternative, node));
                    next.Add(new Combination(parts, via ?? (alternative as LiteralValue)?.Via));
                    if (next.Count > ResolvedValue.MaxAlternatives)
                        return ResolvedValue.Unresolved($"the value has more than {ResolvedValue.MaxAlternatives} possible combinations", node);
                }
            }

            combinations = next;
        }

        var alternatives = ImmutableArray.CreateBuilder<ValueAlternative>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (parts, via) in combinations)
        {
            var merged = Merge(parts);
            if (merged is [{ Hole: null } only])
            {
                if (seen.Add(only.Text!))
                    alternatives.Add(new LiteralValue(only.Text!) { Via = via });
            }
            else if (merged.Count == 0)
            {
                if (seen.Add(string.Empty))
                    alternatives.Add(new LiteralValue(string.Empty) { Via = via });
            }
            else
                alternatives.Add(new PartialStringValue([.. merged]));
        }

        return new ResolvedValue(alternatives.ToImmutable());
    }

    private static ImmutableArray<StringPart> ToParts(ValueAlternative alternative, SyntaxNode node) => alternative switch
    {
        LiteralValue l => [new StringPart(l.Text, null)],
        PartialStringValue p => p.Parts,
        NoValue => [],
        UnresolvedValue u => [new StringPart(null, u)],
        _ => [new StringPart(null, new UnresolvedValue(alternative.Describe(), node))],
    };

    private static List<StringPart> Merge(List<StringPart> parts)
    {
        var merged = new List<StringPart>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Text is { } text && merged.Count > 0 && merged[^1].Text is { } previous)
                merged[^1] = new StringPart(previous + text, null);
            else if (part.Text is not { Length: 0 })
                merged.Add(part);
        }

        return merged;
    }

    private TriState EvaluateCondition(string name, ImmutableHashSet<string> visiting)
    {
        if (Volatile.Read(ref _conditionCache) is { } cache && cache.TryGetValue(name, out var cached))
            return (TriState)cached;
        if (visiting.Contains(name) || !_template.Conditions.TryGetValue(name, out var entry))
            return TriState.Unknown;
        var result = Evaluate(entry.Value, visiting.Add(name));
        LazyInitializer.EnsureInitialized(ref _conditionCache, static () => new ConcurrentDictionary<string, object>(concurrencyLevel: 1, capacity: 4, StringComparer.Ordinal))
            .TryAdd(name, result);
        return result;
    }

    private TriState Evaluate(SyntaxNode node, ImmutableHashSet<string> visiting)
    {
        if (!IntrinsicFunction.TryGet(node, out var function))
            return node.Resolve() is ScalarNode { Value: "true" or "True" } ? TriState.True
                : node.Resolve() is ScalarNode { Value: "false" or "False" } ? TriState.False
                : TriState.Unknown;
        if (function.ValidateForm() is not null)
            return TriState.Unknown;

        var items = function.Argument as SequenceNode;
        switch (function.Name)
        {
            case "Condition":
                return EvaluateCondition(((ScalarNode)function.Argument).Value, visiting);
            case "Fn::Not":
                return Evaluate(items!.Items[0], visiting) switch
                {
                    TriState.True => TriState.False,
                    TriState.False => TriState.True,
                    _ => TriState.Unknown,
                };
            case "Fn::And":
            {
                var result = TriState.True;
                foreach (var item in items!.Items)
                {
                    var value = Evaluate(item, visiting);
                    if (value == TriState.False)
                        return TriState.False;
                    if (value == TriState.Unknown)
                        result = TriState.Unknown;
                }

                return result;
            }

            case "Fn::Or":
            {
                var result = TriState.False;
                foreach (var item in items!.Items)
                {
                    var value = Evaluate(item, visiting);
                    if (value == TriState.True)
                        return TriState.True;
                    if (value == TriState.Unknown)
                        result = TriState.Unknown;
                }

                return result;
            }

            case "Fn::Equals":
            {
                var left = Resolve(items!.Items[0]);
                var right = Resolve(items.Items[1]);
                if (left.Alternatives.Any(a => a is not LiteralValue) || right.Alternatives.Any(a => a is not LiteralValue))
                    return TriState.Unknown;
                var pairs = left.LiteralTexts.SelectMany(l => right.LiteralTexts.Select(r => string.Equals(l, r, StringComparison.Ordinal))).ToList();
                return pairs.All(p => p) ? TriState.True : pairs.All(p => !p) ? TriState.False : TriState.Unknown;
            }

            default:
                return TriState.Unknown;
        }
    }

    private static string Describe(ResolvedValue value) => value.FirstUnresolvedReason ?? value.ToString();

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
