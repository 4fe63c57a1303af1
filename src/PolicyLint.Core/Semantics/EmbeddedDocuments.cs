using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// The JSON documents a template holds as strings, parsed when the template is bound so that no rule parses: an
/// EventBridge rule's <c>EventPattern</c> (<c>AWS::Events::Rule</c>) and a SAM function event's <c>Pattern</c>
/// (<c>EventBridgeRule</c>, <c>CloudWatchEvent</c>), and the <c>PolicyDocument</c> of an SNS topic policy
/// (<c>AWS::SNS::TopicPolicy</c>, <c>AWS::SNS::TopicInlinePolicy</c>). Each is a JSON object written as a string,
/// which CloudFormation accepts in place of the object itself.
/// </summary>
/// <remarks>Sources: AWS CloudFormation User Guide, "AWS::Events::Rule" (EventPattern: "Json"),
/// "AWS::SNS::TopicPolicy" and "AWS::SNS::TopicInlinePolicy" (PolicyDocument: "Json"); AWS SAM Developer Guide,
/// "EventBridgeRule" (Pattern). A string that is not one JSON object (a syntax error, several values, an array) has
/// no document: readers treat it as unreadable, as before this was read at bind time, and no diagnostic is reported
/// for it. Positions inside a document are relative to the string's own text, so they are never reported.</remarks>
public sealed class EmbeddedDocuments
{
    /// <summary>No embedded documents (a template with none of the properties above).</summary>
    public static readonly EmbeddedDocuments Empty = new(new Dictionary<ScalarNode, MappingNode?>(ReferenceEqualityComparer.Instance));

    private readonly Dictionary<ScalarNode, MappingNode?> _documents;

    private EmbeddedDocuments(Dictionary<ScalarNode, MappingNode?> documents) => _documents = documents;

    /// <summary>How many strings were read as documents (readable or not).</summary>
    public int Count => _documents.Count;

    /// <summary>
    /// The document that the string <paramref name="value"/> holds: the parsed JSON object when
    /// <paramref name="value"/> (aliases resolved) is a non-null string of one of the properties above and its text
    /// is exactly one JSON object; null otherwise (a malformed document, or a string that is no such property).
    /// </summary>
    /// <param name="value">The property's value, as the template's syntax tree holds it.</param>
    public MappingNode? Document(SyntaxNode value) =>
        value.Resolve() is ScalarNode scalar ? _documents.GetValueOrDefault(scalar) : null;

    /// <summary>Reads the embedded documents of <paramref name="resources"/> (a template's resources, loops
    /// expanded).</summary>
    internal static EmbeddedDocuments Read(IEnumerable<Resource> resources)
    {
        Dictionary<ScalarNode, MappingNode?>? documents = null;
        void Add(TemplateModel template, SyntaxNode? value)
        {
            if (value?.Resolve() is not ScalarNode { IsNull: false } text)
                return;
            documents ??= new Dictionary<ScalarNode, MappingNode?>(ReferenceEqualityComparer.Instance);
            if (documents.ContainsKey(text))
                return; // one string shared through an alias
            var tree = JsonSyntaxParser.Parse(SourceText.From(template.Path, text.Value));
            documents[text] = tree.FatalError is null && tree.Documents.Count == 1 ? tree.Documents[0] as MappingNode : null;
        }

        foreach (var resource in resources)
        {
            if (resource.Properties is not { } properties)
                continue;
            switch (resource.Type)
            {
                case "AWS::Events::Rule":
                    Add(resource.Template, properties.GetValue("EventPattern"));
                    break;
                case "AWS::SNS::TopicPolicy" or "AWS::SNS::TopicInlinePolicy":
                    Add(resource.Template, properties.GetValue("PolicyDocument"));
                    break;
                case LambdaFunction.ServerlessType when properties.GetValue("Events") is MappingNode events:
                    foreach (var evt in events.EffectiveEntries())
                    {
                        if (evt.Value is MappingNode body && IsEventBridgeEvent(body) && body.GetValue("Properties") is MappingNode eventProperties)
                            Add(resource.Template, eventProperties.GetValue("Pattern"));
                    }

                    break;
            }
        }

        return documents is null ? Empty : new EmbeddedDocuments(documents);
    }

    /// <summary>Whether a SAM function event (its body) is an EventBridge rule: <c>Type</c> <c>EventBridgeRule</c> or
    /// <c>CloudWatchEvent</c>.</summary>
    public static bool IsEventBridgeEvent(MappingNode eventBody) =>
        eventBody.GetValue("Type")?.AsScalar()?.Value is "EventBridgeRule" or "CloudWatchEvent";
}
