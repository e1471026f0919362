using Microsoft.Playwright;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>Reads pixels of a PNG screenshot, decoded by the browser itself (a canvas), so no image library is needed.</summary>
internal static class Pixels
{
    /// <summary>The RGBA of each (x, y) in <paramref name="png"/>.</summary>
    public static async Task<int[][]> ReadAsync(IBrowser browser, byte[] png, params (int X, int Y)[] points)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.NewPageAsync();
        try
        {
            return await page.EvaluateAsync<int[][]>(
                """
                async ([data, points]) => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + data;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.width;
                  canvas.height = image.height;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  return points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data));
                }
                """,
                new object[] { Convert.ToBase64String(png), points.Select(p => new[] { p.X, p.Y }).ToArray() });
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
