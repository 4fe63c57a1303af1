using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Cli;

/// <summary>
/// Under <c>--staged</c>, says when the ledger of the working tree is not the one the commit will hold: a ledger
/// written but never <c>git add</c>ed (the usual reason a pre-commit run reports PL1001 for an exclusion the author did
/// record), or one with changes that are not staged. The run itself reads the index, as a gate must (README,
/// "pre-commit"); the note only says why its results may differ from a working-tree lint.
/// </summary>
internal static class StagedLedgerNote
{
    /// <summary>The note for the run's ledger, or null when the working tree's copy is the one the run read, when the
    /// source is not the index, or when either copy cannot be read (the note is advice; the run has already said what it
    /// could not read, as PL0001).</summary>
    /// <param name="source">The run's source.</param>
    /// <param name="root">Absolute root folder.</param>
    /// <param name="ledger">The ledger the run read from <paramref name="source"/>: it is compared, never read again.</param>
    /// <param name="maxBytes">The file size limit: a larger working-tree copy is not compared.</param>
    public static ToolNotification? For(IFileSource? source, string root, ExclusionLedger ledger, long maxBytes)
    {
        if (source is not GitFileSource { IsIndex: true } || ledger.IsBroken)
            return null;
        var ledgerPath = ledger.Source.Path;
        var workingTree = new PhysicalFileSource(root);
        if (workingTree.Kind(ledgerPath) != FileEntryKind.File)
            return null;
        if (!ledger.Exists)
        {
            return new ToolNotification("note",
                $"the ledger is in the working tree but not in the git index, so --staged read no ledger (the commit would hold none); 'git add {ledgerPath}' if the commit should record its exclusions",
                ledgerPath);
        }

        try
        {
            var current = FileSourceReading.Read(workingTree, ledgerPath, maxBytes);
            if (current.Bytes is null || SourceText.Decode(ledgerPath, current.Bytes, out _).Text == ledger.Source.Text)
                return null;
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            return null;
        }

        return new ToolNotification("note",
            $"the ledger has changes that are not staged, so --staged read the git index's version (what the commit would hold); 'git add {ledgerPath}' to include them",
            ledgerPath);
    }
}
