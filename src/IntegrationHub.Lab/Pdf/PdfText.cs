using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace IntegrationHub.Lab.Pdf;

/// <summary>
/// Text as the report's fonts can print it: every field of the PDF goes through here. PdfPig's
/// standard 14 fonts write far fewer characters than Latin-1 ('ä' fails, 'Ł' works only as a
/// question mark), so what a font can show is asked of PdfPig itself, once per font, rather than
/// assumed from a code range; any other character becomes '?'.
/// </summary>
internal static class PdfText
{
    private static readonly Dictionary<Standard14Font, bool[]> Coverage = new()
    {
        [Standard14Font.Helvetica] = Probe(Standard14Font.Helvetica),
        [Standard14Font.HelveticaBold] = Probe(Standard14Font.HelveticaBold),
    };

    /// <summary><paramref name="text"/> with each character <paramref name="font"/> cannot print (a surrogate pair counts as one) replaced by '?'.</summary>
    public static string Printable(string text, Standard14Font font)
    {
        var covered = Coverage[font];
        var printable = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            printable.Append(rune.Value < covered.Length && covered[rune.Value] ? (char)rune.Value : '?');
        }

        return printable.ToString();
    }

    /// <summary>
    /// Lines of at most <paramref name="columns"/> characters, cut at the last space that fits (or
    /// mid-word when none does); each paragraph starts a line. Linear: it walks the text by index
    /// and copies each character once.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, int columns)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            if (paragraph.Length == 0)
            {
                yield return "";
            }

            var at = 0;
            while (at < paragraph.Length)
            {
                var cut = paragraph.Length - at;
                if (cut > columns)
                {
                    var space = paragraph.LastIndexOf(' ', at + columns, columns + 1);
                    cut = space > at ? space - at : columns;
                }

                yield return paragraph.Substring(at, cut);
                at += cut;
                while (at < paragraph.Length && char.IsWhiteSpace(paragraph[at]))
                {
                    at++;
                }
            }
        }
    }

    // A standard 14 font encodes single bytes, so nothing above U+00FF can be printed; below it,
    // a character is printable when PdfPig both measures and encodes it.
    private static bool[] Probe(Standard14Font font)
    {
        using var builder = new PdfDocumentBuilder();
        var added = builder.AddStandard14Font(font);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var covered = new bool[256];
        for (var c = ' '; c <= '\u00FF'; c++)
        {
            try
            {
                page.AddText(c.ToString(), 10, new PdfPoint(0, 0), added);
                covered[c] = true;
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
            {
                covered[c] = false;
            }
        }

        return covered;
    }
}
