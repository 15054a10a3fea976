namespace Analysis.Domain.Analyses;

/// <summary>A field an analysis spec may have: its name on the wire and the kind of value it holds.</summary>
public sealed record SpecField(string Name, SpecFieldKind Kind);

/// <summary>What a spec field holds.</summary>
public enum SpecFieldKind
{
    /// <summary>A string: a column name or a choice such as <c>"spearman"</c>.</summary>
    Text,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary>An array of names (columns).</summary>
    Names,

    /// <summary>An array of a grouping column's levels: strings, or numbers named as a numeric column's levels are.</summary>
    Levels,
}
