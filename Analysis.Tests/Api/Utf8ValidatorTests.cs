using System.Text;
using Analysis.Api.Uploads;
using Analysis.Application.Common;

namespace Analysis.Tests.Api;

/// <summary>UTF-8 checked a chunk at a time: characters split anywhere between chunks, errors at the right byte.</summary>
public sealed class Utf8ValidatorTests
{
    private static readonly byte[] Mixed = Encoding.UTF8.GetBytes("aé中😀b€𝔸z");

    [Test]
    public void Append_ValidTextSplitAtEveryPairOfPositions_IsAccepted()
    {
        for (var i = 0; i <= Mixed.Length; i++)
        {
            for (var j = i; j <= Mixed.Length; j++)
            {
                var validator = new Utf8Validator("f");
                Assert.DoesNotThrow(() =>
                {
                    validator.Append(Mixed.AsSpan(0, i));
                    validator.Append(Mixed.AsSpan(i, j - i));
                    validator.Append(Mixed.AsSpan(j));
                    validator.Complete();
                }, $"split at {i} and {j}");
            }
        }
    }

    [TestCase(new byte[] { 0x61, 0xE9, 0x62 }, 1)]        // Latin-1 é
    [TestCase(new byte[] { 0x61, 0x62, 0x80 }, 2)]        // a lone continuation byte
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, 0)]        // an encoded surrogate (U+D800)
    [TestCase(new byte[] { 0xC0, 0xAF }, 0)]              // an overlong '/'
    [TestCase(new byte[] { 0x61, 0xF0, 0x9F, 0x98 }, 1)]  // a 4-byte character cut short at the end
    [TestCase(new byte[] { 0xF8, 0x88, 0x80, 0x80 }, 0)]  // no such lead byte
    public void Append_InvalidText_NamesTheFieldAndByte_WhereverItIsSplit(byte[] bytes, int offset)
    {
        for (var split = 0; split <= bytes.Length; split++)
        {
            var validator = new Utf8Validator("dataset");
            var at = split;

            var failure = Assert.Throws<RequestValidationException>(() =>
            {
                validator.Append(bytes.AsSpan(0, at));
                validator.Append(bytes.AsSpan(at));
                validator.Complete();
            }, $"split at {split}");

            Assert.That(failure!.Errors["dataset"], Is.EqualTo(new[] { $"Not valid UTF-8 text (byte {offset}); send UTF-8." }), $"split at {split}");
        }
    }
}
