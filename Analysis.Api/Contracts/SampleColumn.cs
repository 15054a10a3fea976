using System.Text.Json.Serialization;

namespace Analysis.Api.Contracts;

/// <summary>A sampled column, told apart by <c>type</c>: numbers for a numeric column, texts for a categorical one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(NumericSampleColumn), "numeric")]
[JsonDerivedType(typeof(CategoricalSampleColumn), "categorical")]
public abstract record SampleColumn(string Name);
