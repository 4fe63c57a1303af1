namespace PolicyLint.Core.Syntax;

/// <summary>
/// The alias-expansion limit of one file (docs/conventions.md#c16, <see cref="ParseLimits.MaxAliasExpansion"/>): what reading through YAML
/// aliases costs, counted once, where the file is read (the template binder: the places a deployment evaluates; the
/// ledger, configuration and samconfig readers: the whole file), before any rule runs. Following an alias costs the
/// <see cref="SyntaxNode.SubtreeSize"/> of the node it names plus that node's own <see cref="SyntaxNode.ExpansionCost"/>,
/// so an alias bomb is measured without being expanded. Not thread-safe: one reader charges it.
/// </summary>
public sealed class AliasBudget
{
    private readonly ParseLimits _limits;

    /// <summary>Creates an empty budget for <paramref name="limits"/>.</summary>
    public AliasBudget(ParseLimits limits) => _limits = limits;

    /// <summary>Nodes charged so far (saturating).</summary>
    public long Used { get; private set; }

    /// <summary>The alias whose charge first exceeded the limit, or null while within it.</summary>
    public AliasNode? CrossedAt { get; private set; }

    /// <summary>The PL0001 problem at <see cref="CrossedAt"/>, or null while within the limit.</summary>
    public SyntaxProblem? Problem => CrossedAt is { } alias
        ? new SyntaxProblem(SyntaxProblemKind.LimitExceeded, alias.Location,
            FormattableString.Invariant($"YAML alias '*{alias.Name}' expands beyond the limit of {_limits.MaxAliasExpansion:N0} nodes read through aliases (possible alias bomb)"))
        : null;

    /// <summary>Charges following <paramref name="alias"/> and reading what it names in full; false once the limit is
    /// exceeded (by this alias or an earlier one).</summary>
    public bool Charge(AliasNode alias)
    {
        if (CrossedAt is not null)
            return false;
        Used = SyntaxNode.AddSaturating(Used, alias.ExpansionCost);
        if (Used <= _limits.MaxAliasExpansion)
            return true;
        CrossedAt = alias;
        return false;
    }

    /// <summary>Charges reading <paramref name="node"/> in full: every alias written in it, in document order, without
    /// expanding any; false once the limit is exceeded.</summary>
    public bool ChargeAll(SyntaxNode node)
    {
        if (node.ExpansionCost == 0)
            return CrossedAt is null;
        var stack = new Stack<SyntaxNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case AliasNode alias:
                    if (!Charge(alias))
                        return false;
                    break;
                case SequenceNode sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                        Push(stack, sequence.Items[i]);
                    break;
                case MappingNode mapping:
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        Push(stack, mapping.Entries[i].RawValue);
                        Push(stack, mapping.Entries[i].Key);
                    }

                    break;
            }
        }

        return CrossedAt is null;
    }

    private static void Push(Stack<SyntaxNode> stack, SyntaxNode node)
    {
        if (node.ExpansionCost > 0)
            stack.Push(node);
    }
}
