using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Sharing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;
using SkiaSharp;

namespace Petitions.Tests.Sharing;

public sealed class SocialImageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_social_image_is_a_1200_by_630_png()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync($"/petitions/{slug}/social.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(image);
        Assert.Equal(1200, image.Width);
        Assert.Equal(630, image.Height);
        Assert.True(Ink(image, SocialImage.TitleArea) > 0.01, "The title area is blank.");
    }

    [Fact]
    public async Task Unpublished_and_unknown_petitions_have_no_image()
    {
        var draft = await A.Petition().Draft().BuildAsync(app);
        using var browser = app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/petitions/{draft}/social.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/petitions/no-such-petition/social.png")).StatusCode);
    }

    [Fact]
    public async Task A_new_signature_shows_in_the_image()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        using var browser = app.Browser();
        var before = await browser.Http.GetByteArrayAsync($"/petitions/{slug}/social.png");

        var email = SignForm.UniqueEmail();
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = new Uri(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email))).PathAndQuery;
        await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());
        var after = await browser.Http.GetByteArrayAsync($"/petitions/{slug}/social.png");

        using var first = SKBitmap.Decode(before)!;
        using var second = SKBitmap.Decode(after)!;
        // The title is drawn the same; the count and the bar below it are not.
        Assert.Equal(0, Difference(first, second, SocialImage.TitleArea));
        Assert.True(Difference(first, second, new SKRectI(0, SocialImage.TitleArea.Bottom, SocialImage.Width, SocialImage.Height)) > 0);
    }

    [Fact]
    public async Task A_crowd_of_link_previews_asking_at_once_gets_one_drawing()
    {
        var images = app.Services.GetRequiredService<SocialImages>();
        var card = new SocialCard("Petitions", "Save the river", 5, 100_000, IsOpen: true);
        var slug = $"crowd-{Guid.NewGuid():N}";

        var crowd = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => images.GetAsync(slug, card, CancellationToken.None))));

        // Every drawing makes an image of its own: a crowd handed one and the same image got one drawing.
        Assert.All(crowd, png => Assert.Same(crowd[0], png));
    }

    [Fact]
    public async Task Within_its_count_bucket_an_image_is_reused_until_its_lifetime_ends_and_then_shows_the_exact_count()
    {
        var clock = new StoppedClock();
        var images = new SocialImages(clock, Options.Create(new SharingOptions { SocialImageLifetime = TimeSpan.FromMinutes(1) }));
        var card = new SocialCard("Petitions", "Save the river", 12_300, 100_000, IsOpen: true);

        var first = await images.GetAsync("river", card, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        var sameBucket = await images.GetAsync("river", card with { SignatureCount = 12_345 }, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = await images.GetAsync("river", card with { SignatureCount = 12_345 }, CancellationToken.None);

        Assert.Same(first, sameBucket);
        Assert.NotEqual(first, later);
        Assert.Equal(SocialImage.RenderPng(card with { SignatureCount = 12_345 }), later);
    }

    [Fact]
    public async Task A_count_that_leaves_its_bucket_is_drawn_at_once()
    {
        var images = new SocialImages(TimeProvider.System, Options.Create(new SharingOptions()));
        var card = new SocialCard("Petitions", "Save the river", 12_999, 100_000, IsOpen: true);

        var first = await images.GetAsync("river", card, CancellationToken.None);
        var next = await images.GetAsync("river", card with { SignatureCount = 13_000 }, CancellationToken.None);

        Assert.NotEqual(first, next);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 7)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(12_345, 12_000)]
    [InlineData(1_234_567, 1_200_000)]
    public void Counts_are_bucketed_by_their_first_two_digits(long count, long bucket) =>
        Assert.Equal(bucket, SocialImages.Bucket(count));

    // If a title's script had no font, every character would come out as the same empty box (or
    // the same replacement mark), and two different titles of the same length would look the same.
    // Real glyphs make them differ: what a reader would see at a glance.
    [Theory]
    [InlineData("Korean", "북한 난민을 보호하라", "남한 주민을 환영하라")]
    [InlineData("Simplified Chinese", "保护中国境内的朝鲜难民", "停止强制遣返脱北者们")]
    [InlineData("Traditional Chinese", "保護在中國的脫北難民", "請停止強制遣返他們吧")]
    [InlineData("Japanese", "川の汚染を止めてください", "海のごみを減らしましょう")]
    [InlineData("Arabic", "أنقذوا النهر من التلوث", "احموا البحر من النفايات")]
    [InlineData("Hebrew", "הצילו את הנהר", "שמרו על הים שלנו")]
    [InlineData("Devanagari", "नदी को बचाओ", "समुद्र बचाओ अभी")]
    [InlineData("Thai", "ช่วยแม่น้ำของเรา", "รักษาทะเลของเรา")]
    public void A_title_in_any_script_is_drawn_in_its_own_letters_not_empty_boxes(string script, string title, string otherTitle)
    {
        using var drawn = Render(title);
        using var other = Render(otherTitle);
        using var boxes = Render(new string('\uFFFD', title.Length));

        Assert.True(Ink(drawn, SocialImage.TitleArea) > 0.005, $"The {script} title left the title area blank.");
        Assert.True(Difference(drawn, other, SocialImage.TitleArea) > 0.01, $"Two different {script} titles look the same.");
        Assert.True(Difference(drawn, boxes, SocialImage.TitleArea) > 0.01, $"The {script} title looks like replacement marks.");
    }

    [Theory]
    [InlineData("أنقذوا النهر")]
    [InlineData("הצילו את הנהר")]
    public void A_right_to_left_title_is_set_against_the_right_edge(string title)
    {
        using var drawn = Render(title);

        var (left, right) = InkColumns(drawn, SocialImage.TitleArea);

        Assert.True(SocialImage.TitleArea.Right - right < 20, $"The title ends at x={right}, away from the right edge.");
        Assert.True(left - SocialImage.TitleArea.Left > 300, $"The title starts at x={left}, at the left edge.");
    }

    [Fact]
    public void Arabic_letters_are_joined_not_drawn_one_by_one()
    {
        // The same four letters as one word, and kept from joining by zero-width non-joiners (which
        // take no room themselves): HarfBuzz gives the word its narrow joined forms, and each
        // letter kept alone its wide isolated form. Letters drawn without shaping would all be
        // isolated forms, and the word as wide as the letters kept apart.
        using var joined = Render("بببب");
        using var apart = Render("ب\u200Cب\u200Cب\u200Cب");

        var (joinedLeft, joinedRight) = InkColumns(joined, SocialImage.TitleArea);
        var (apartLeft, apartRight) = InkColumns(apart, SocialImage.TitleArea);

        Assert.True(joinedRight - joinedLeft < (apartRight - apartLeft) * 0.8,
            $"Joined: {joinedRight - joinedLeft}px wide, apart: {apartRight - apartLeft}px.");
    }

    // Time that moves only when the test says so.
    private sealed class StoppedClock : TimeProvider
    {
        private long _now = 1_000_000;

        public void Advance(TimeSpan by) => _now += (long)(by.TotalSeconds * TimestampFrequency);

        public override long GetTimestamp() => _now;
    }

    private static SKBitmap Render(string title) =>
        SKBitmap.Decode(SocialImage.RenderPng(new SocialCard("Petitions", title, 1234, 10_000, IsOpen: true)))!;

    // The share of pixels in the area that are not white.
    private static double Ink(SKBitmap image, SKRectI area)
    {
        var inked = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        for (var x = area.Left; x < area.Right; x++)
        {
            var pixel = image.GetPixel(x, y);
            if (pixel.Red < 200 || pixel.Green < 200 || pixel.Blue < 200)
                inked++;
        }
        return inked / (double)(area.Width * area.Height);
    }

    // The share of pixels in the area that differ between the two images.
    private static double Difference(SKBitmap a, SKBitmap b, SKRectI area)
    {
        var changed = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        for (var x = area.Left; x < area.Right; x++)
        {
            if (a.GetPixel(x, y) != b.GetPixel(x, y))
                changed++;
        }
        return changed / (double)(area.Width * area.Height);
    }

    private static (int Left, int Right) InkColumns(SKBitmap image, SKRectI area)
    {
        var left = int.MaxValue;
        var right = int.MinValue;
        for (var y = area.Top; y < area.Bottom; y++)
        for (var x = area.Left; x < area.Right; x++)
        {
            var pixel = image.GetPixel(x, y);
            if (pixel.Red < 128)
            {
                left = Math.Min(left, x);
                right = Math.Max(right, x);
            }
        }
        return (left, right);
    }
}
