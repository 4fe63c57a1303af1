using PolicyLint.Core.Diagnostics;
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
    /// <summary>The note for <paramref name="ledgerPath"/>, or null when the index and the working tree agree, when the
    /// source is not the index, or when either copy cannot be read (the note is advice; the run has already said what it
    /// could not read).</summary>
    /// <param name="source">The run's source.</param>
    /// <param name="root">Absolute root folder.</param>
    /// <param name="ledgerPath">Root-relative ledger path.</param>
    /// <param name="maxBytes">The file size limit: larger copies are not compared.</param>
    public static ToolNotification? For(IFileSource? source, string root, string ledgerPath, long maxBytes)
    {
        if (source is not GitFileSource { IsIndex: true } index)
            return null;
        var workingTree = new PhysicalFileSource(root);
        if (workingTree.Kind(ledgerPath) != FileEntryKind.File)
            return null;
        if (index.Kind(ledgerPath) != FileEntryKind.File)
        {
            return new ToolNotification("note",
                $"the ledger is in the working tree but not in the git index, so --staged read no ledger (the commit would hold none); 'git add {ledgerPath}' if the commit should record its exclusions",
                ledgerPath);
        }

        try
        {
            var staged = FileSourceReading.Read(index, ledgerPath, maxBytes);
            var current = FileSourceReading.Read(workingTree, ledgerPath, maxBytes);
            if (staged.Bytes is null || current.Bytes is null || staged.Bytes.AsSpan().SequenceEqual(current.Bytes))
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
