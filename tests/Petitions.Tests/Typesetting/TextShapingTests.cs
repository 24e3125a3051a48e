using HarfBuzzSharp;
using Petitions.Core.Typesetting;

namespace Petitions.Tests.Typesetting;

public sealed class TextShapingTests
{
    public static TheoryData<string, string> NamesAndFonts => new()
    {
        { "김철수", "NotoSansKR-Regular" },
        { "王秀英", "NotoSansSC-Regular" },
        { "陳美玲 戶籍謄本", "NotoSansSC-Regular" },
        { "山田 さくら", "NotoSansJP-Regular" },
        { "محمد عبدالله", "NotoSansArabic-Regular" },
        { "فاطمه‌زهرا رضایی", "NotoSansArabic-Regular" },
        { "דוד כהן", "NotoSansHebrew-Regular" },
        { "Владимир Иванов", "NotoSans-Regular" },
        { "अमित शर्मा", "NotoSansDevanagari-Regular" },
        { "สมชาย ใจดี", "NotoSansThai-Regular" },
        { "Nguyễn Văn Đức", "NotoSans-Regular" },
        { "Zoë Ñúñez-Ångström", "NotoSans-Regular" },
    };

    [Theory]
    [MemberData(nameof(NamesAndFonts))]
    public void Each_script_is_set_in_a_Noto_font_that_has_a_real_glyph_for_every_character(string name, string font)
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape(name);

        Assert.All(shaped.Runs, run => Assert.Equal(font, run.Font.Name));
        // Glyph 0 is .notdef, the empty box a font draws for a character it lacks.
        Assert.All(shaped.Runs, run => Assert.DoesNotContain(0u, run.Glyphs));
        foreach (var run in shaped.Runs)
        {
            foreach (var rune in run.Source[run.Start..run.End].EnumerateRunes())
            {
                if (rune.Value != 0x200C)
                    Assert.True(run.Font.Covers(rune.Value), $"{run.Font.Name} lacks U+{rune.Value:X4} of {name}");
            }
        }
    }

    [Fact]
    public void A_name_in_several_scripts_is_split_into_runs_each_in_the_font_for_its_script()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("Иван 김 Smith 李");

        Assert.Equal(["NotoSans-Regular", "NotoSansKR-Regular", "NotoSans-Regular", "NotoSansKR-Regular"], shaped.Runs.Select(r => r.Font.Name));
        Assert.All(shaped.Runs, run => Assert.DoesNotContain(0u, run.Glyphs));
    }

    [Theory]
    [InlineData("محمد عبدالله")]
    [InlineData("דוד כהן")]
    public void A_name_entirely_in_a_right_to_left_script_is_laid_out_right_to_left(string name)
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape(name);

        Assert.True(shaped.RightToLeft);
        var run = Assert.Single(shaped.Runs);
        // Drawn left to right, the glyphs start with the end of the name.
        Assert.Equal(run.Clusters.OrderDescending(), run.Clusters);
        Assert.Equal(name.Length - 1, run.Clusters[0]);
    }

    [Fact]
    public void Arabic_letters_take_their_joined_forms()
    {
        using var shaper = new TextShaper();
        var font = FontLibrary.Get(FontLibrary.Arabic);
        font.Font.TryGetNominalGlyph('م', out var isolatedMeem);

        var run = shaper.Shape("محمد").Runs.Single();

        // Four letters, every one joined to a neighbour: none is drawn in its isolated form.
        Assert.Equal(4, run.Glyphs.Length);
        Assert.DoesNotContain(isolatedMeem, run.Glyphs);
    }

    [Fact]
    public void Digits_in_right_to_left_text_still_read_left_to_right()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("علي 123 حسن");

        Assert.True(shaped.RightToLeft);
        // Visual order, left to right: the last word, the number, the first word.
        Assert.Equal(["حسن", "123", "علي"], shaped.Runs.Select(r => r.Source[r.Start..r.End].Trim()));
        var digits = shaped.Runs[1];
        Assert.Equal(digits.Clusters.Order(), digits.Clusters);
    }

    [Fact]
    public void An_accent_typed_as_a_separate_mark_is_drawn_like_the_accented_letter()
    {
        using var shaper = new TextShaper();

        var composed = shaper.Shape("Zoë").Runs.Single();
        var decomposed = shaper.Shape("Zoe\u0308").Runs.Single();

        Assert.Equal(composed.Glyphs, decomposed.Glyphs);
    }

    [Fact]
    public void A_character_no_shipped_font_has_is_drawn_as_a_visible_replacement_mark()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("Ada 🦄 Lovelace");

        Assert.Contains('\uFFFD', shaped.Text);
        Assert.All(shaped.Runs, run => Assert.DoesNotContain(0u, run.Glyphs));
    }

    [Fact]
    public void Every_shipped_font_has_its_licence_beside_it()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Petitions.Core", "Typesetting", "Fonts");
        foreach (var font in Directory.GetFiles(folder, "*.ttf"))
        {
            var family = Path.GetFileNameWithoutExtension(font).Split('-')[0];
            var licence = File.ReadAllText(Path.Combine(folder, $"{family}-OFL.txt"));
            Assert.Contains("SIL Open Font License", licence);
        }
        Assert.Equal(10, FontLibrary.All.Count);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Petitions.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("No Petitions.sln above the test binaries.");
    }
}
