using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>Finds the EventBridge rules of templates.</summary>
public static class EventBridgeRules
{
    /// <summary>Every EventBridge rule of <paramref name="templates"/>, in template order, then resource order (a
    /// function's events in their order). Computed on each call: callers that ask often keep the list.</summary>
    /// <param name="templates">The templates, e.g. a project's.</param>
    public static IReadOnlyList<EventBridgeRule> Find(IEnumerable<TemplateModel> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var rules = new List<EventBridgeRule>();
        foreach (var template in templates)
        {
            foreach (var resource in template.Resources)
            {
                if (resource.Type == "AWS::Events::Rule" && resource.Properties is { } properties)
                {
                    rules.Add(new EventBridgeRule(template, resource, resource.LogicalId, "Properties", properties, properties.Find("EventPattern"), properties.Find("EventBusName"), resource.Entry.Key.Location));
                }
                else if (resource.Type == LambdaFunction.ServerlessType && resource.Properties?.GetValue("Events") is MappingNode events)
                {
                    foreach (var evt in events.EffectiveEntries())
                    {
                        if (evt.Value is not MappingNode body || !EmbeddedDocuments.IsEventBridgeEvent(body))
                            continue;
                        if (body.GetValue("Properties") is not MappingNode eventProperties)
                            continue;
                        rules.Add(new EventBridgeRule(template, resource, $"{resource.LogicalId}.Events.{evt.KeyText}", $"Properties.Events.{evt.KeyText}.Properties", eventProperties, eventProperties.Find("Pattern"), eventProperties.Find("EventBusName"), evt.Key.Location));
                    }
                }
            }
        }

        return rules;
    }
}
