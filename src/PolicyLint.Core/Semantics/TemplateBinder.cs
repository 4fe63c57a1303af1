using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// The checks made once when a template is bound, before any rule runs, so that what they report never depends on
/// which rules are enabled (docs/conventions.md#c4, docs/conventions.md#c16): every intrinsic function form in the places a deployment evaluates, and the
/// alias budget of those places.
/// </summary>
/// <remarks>
/// Places walked: each resource's body except its <c>Metadata</c>, <c>Conditions</c> (where <c>Condition</c> is a
/// function), <c>Outputs</c> and SAM <c>Globals</c>, whose intrinsic functions are validated; <c>Parameters</c>,
/// <c>Mappings</c> and <c>Transform</c>, which hold no function but whose values are read (<c>Ref</c>,
/// <c>Fn::FindInMap</c>), are charged to the alias budget only. Template and resource <c>Metadata</c> and
/// <c>Rules</c> are neither: an alias bomb there costs nothing and is not reported. Of a repeated key only the last
/// occurrence is walked (the one deployed). Each node is visited at most twice (in place, and once through aliases),
/// with an explicit stack: no recursion, whatever the nesting.
/// </remarks>
internal sealed class TemplateBinder(AliasBudget budget)
{
    private enum Context
    {
        /// <summary>A value: a one-entry <c>Ref</c>/<c>Fn::…</c> mapping is a function (<c>Condition</c> is not).</summary>
        Value,

        /// <summary>A condition expression: <c>Condition</c> is a function too.</summary>
        Condition,

        /// <summary>Charged to the alias budget, not validated.</summary>
        ChargeOnly,

        /// <summary>The <c>Resources</c> mapping: each value is a resource body.</summary>
        Resources,

        /// <summary>A resource body: every attribute but <c>Metadata</c> is a value.</summary>
        ResourceBody,

        /// <summary>The <c>Conditions</c> mapping: each value is a condition expression. The last context: it
        /// sizes the per-context tables.</summary>
        Conditions,
    }

    private readonly List<TemplateProblem> _problems = [];
    private readonly HashSet<Location> _reported = [];

    // Alias targets already walked, per context (reference equality; a class key keeps ReadyToRun code shared).
    // Sized by the last context, not Enum.GetValues (JIT-compiled at every start under ReadyToRun, issue 15).
    private readonly HashSet<SyntaxNode>?[] _walkedTargets = new HashSet<SyntaxNode>?[(int)Context.Conditions + 1];

    /// <summary>Invalid intrinsic forms found, in the order found.</summary>
    public IReadOnlyList<TemplateProblem> Problems => _problems;

    /// <summary>Validates and charges the places of <paramref name="root"/> a deployment evaluates; false when the
    /// alias budget is exceeded (then the walk stops: <see cref="AliasBudget.Problem"/> says where).</summary>
    public bool Bind(MappingNode root)
    {
        foreach (var entry in root.EntriesInEffect())
        {
            var context = entry.KeyText switch
            {
                "Resources" => Context.Resources,
                "Conditions" => Context.Conditions,
                "Outputs" or "Globals" => Context.Value,
                "Parameters" or "Mappings" or "Transform" => Context.ChargeOnly,
                _ => (Context?)null,
            };
            if (context is { } c && !Walk(entry.RawValue, c))
                return false;
        }

        return true;
    }

    private bool Walk(SyntaxNode root, Context rootContext)
    {
        // An explicit stack (no recursion, whatever the nesting): a node, and its context and whether it is read
        // through an alias, packed in one int (flat lists keep ReadyToRun code; value tuples would be JIT-compiled).
        var nodes = new List<SyntaxNode> { root };
        var states = new List<int> { State(rootContext, false) };
        while (nodes.Count > 0)
        {
            var node = nodes[^1];
            var state = states[^1];
            nodes.RemoveAt(nodes.Count - 1);
            states.RemoveAt(states.Count - 1);
            var context = (Context)(state >> 1);
            var throughAlias = (state & 1) != 0;
            switch (node)
            {
                case AliasNode alias:
                    // What the alias names, and the aliases inside it, are charged once, here (AliasNode.ExpansionCost).
                    if (!throughAlias && !budget.Charge(alias))
                        return false;
                    if ((_walkedTargets[(int)context] ??= new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance)).Add(alias.Target))
                    {
                        nodes.Add(alias.Target);
                        states.Add(State(context, true));
                    }

                    break;
                case SequenceNode sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        nodes.Add(sequence.Items[i]);
                        states.Add(State(ItemContext(context), throughAlias));
                    }

                    break;
                case MappingNode mapping:
                    var argumentContext = Validate(mapping, context);
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        var entry = mapping.Entries[i];
                        if (mapping.IsSuperseded(entry) || EntryContext(entry, context, argumentContext) is not { } valueContext)
                            continue;
                        nodes.Add(entry.RawValue);
                        states.Add(State(valueContext, throughAlias));
                        if (entry.Key is not ScalarNode)
                        {
                            nodes.Add(entry.Key);
                            states.Add(State(Context.ChargeOnly, throughAlias));
                        }
                    }

                    break;
            }
        }

        return true;
    }

    private static int State(Context context, bool throughAlias) => ((int)context << 1) | (throughAlias ? 1 : 0);

    /// <summary>Checks a mapping that is a function call in <paramref name="context"/>; returns the context of its
    /// argument, or null when the mapping is not a call.</summary>
    private Context? Validate(MappingNode mapping, Context context)
    {
        if (context is not (Context.Value or Context.Condition) || !IntrinsicFunction.TryGet(mapping, out var function))
            return null;
        if (function.Name == "Condition" && context != Context.Condition)
            return null; // a property or statement key named Condition, not a function
        if (function.ValidateForm() is { } error && _reported.Add(function.ArgumentLocation))
            _problems.Add(new TemplateProblem(function.ArgumentLocation, $"Invalid {function.Name}: {error}"));
        return function.Name is "Fn::And" or "Fn::Or" or "Fn::Not" ? Context.Condition : Context.Value;
    }

    private static Context ItemContext(Context context) => context switch
    {
        Context.Condition or Context.ChargeOnly => context,
        _ => Context.Value,
    };

    private static Context? EntryContext(MappingEntry entry, Context context, Context? argumentContext)
    {
        if (argumentContext is { } argument)
            return argument;
        return context switch
        {
            Context.Resources => entry.KeyText is { } key && key.StartsWith("Fn::ForEach::", StringComparison.Ordinal) ? Context.Value : Context.ResourceBody,
            Context.ResourceBody => entry.KeyText == "Metadata" ? null : MappingNode.IsMergeEntry(entry) ? Context.ResourceBody : Context.Value,
            Context.Conditions => Context.Condition,
            Context.ChargeOnly => Context.ChargeOnly,
            _ => Context.Value,
        };
    }
}
