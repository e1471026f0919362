using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using ResultsLive.Core.Model;
using ResultsLive.Web.Graphics;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// The templates and output runtime run in the Chromium that CasparCG 2.3's first builds embed (73): their scripts parse as
/// ECMAScript 2019 and call nothing newer, their CSS uses nothing newer; each carries its SPX definition and OGraf manifest.
/// </summary>
public sealed partial class TemplateCompatibilityTests
{
    private static readonly string Graphics = Path.Combine(RepositoryRoot(), "src", "ResultsLive.Web", "wwwroot", "graphics");

    // APIs newer than Chromium 73 (and so, like the syntax, absent from CasparCG 2.3's first builds).
    private static readonly string[] NewerApis = ["replaceAll(", "allSettled(", "structuredClone(", "Object.hasOwn(", ".at(", "findLast(", "toSorted(", "globalThis"];

    // CSS newer than Chromium 73: inset, aspect-ratio, gap (flex gap arrived in 84), clamp()/min()/max(), :is()/:where()/:has(),
    // individual transform properties, container queries, cascade layers.
    private static readonly Regex NewerCss = NewerCssPattern();

    public static TheoryData<string> Scripts() => [.. ScriptFiles().Select(f => Path.GetRelativePath(Graphics, f))];

    public static TheoryData<string> Styles() => [.. StyleSources().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_ParsesAsEcmaScript2019AndCallsNothingNewer(string file)
    {
        var path = Path.Combine(Graphics, file);
        var code = file.EndsWith(".html", StringComparison.Ordinal) ? InlineScripts(File.ReadAllText(path)) : File.ReadAllText(path);

        var error = ParseWithAcorn(code, ecmaVersion: 2019);

        Assert.True(error is null, $"{file} does not parse as ES2019 (Chromium 73): {error}");
        Assert.All(NewerApis, api => Assert.DoesNotContain(api, code, StringComparison.Ordinal));
    }

    [Fact]
    public void Acorn_GivenOptionalChaining_RefusesIt() =>
        Assert.NotNull(ParseWithAcorn("var a = b?.c;", ecmaVersion: 2019));

    [Theory]
    [MemberData(nameof(Styles))]
    public void Style_UsesNothingNewerThanChromium73(string name)
    {
        // Comments may name what is not used; only the rules count.
        var css = CssComment().Replace(StyleSources().Single(s => s.Name == name).Css, "");

        var newer = NewerCss.Matches(css).Select(m => m.Value).ToList();

        Assert.True(newer.Count == 0, $"{name} uses CSS that Chromium 73 does not have: {string.Join(", ", newer)}");
    }

    [Fact]
    public void NewerCss_IsRecognised() =>
        Assert.Equal(4, NewerCss.Count(".a { inset: 0; gap: 4px; aspect-ratio: 16/9; width: clamp(1px, 2vw, 3px); }"));

    [Fact]
    public void EveryTemplate_CarriesAnSpxDefinitionWithItsFields()
    {
        foreach (var template in GraphicsTemplates.All)
        {
            var html = File.ReadAllText(Path.Combine(Graphics, "templates", template.File));
            var match = SpxDefinition().Match(html);
            Assert.True(match.Success, template.Id);
            var definition = JsonNode.Parse(match.Groups["json"].Value)!;
            var fields = definition["DataFields"]!.AsArray().Select(f => f!["field"]!.GetValue<string>()).ToList();
            Assert.Contains("f1", fields);
            Assert.Equal(template.NeedsSeat, fields.Contains("f0"));
            Assert.Equal("json", definition["dataformat"]!.GetValue<string>());
        }
    }

    [Fact]
    public void EveryTemplate_HasAnOgrafManifestWhoseMainModuleExists()
    {
        foreach (var template in GraphicsTemplates.All)
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Graphics, "templates", template.Id + ".ograf.json")))!;
            Assert.Equal("https://ograf.ebu.io/v1/specification/json-schemas/graphics/schema.json", manifest["$schema"]!.GetValue<string>());
            Assert.True(manifest["supportsRealTime"]!.GetValue<bool>());
            var main = Path.Combine(Graphics, "templates", manifest["main"]!.GetValue<string>());
            Assert.True(File.Exists(main), main);
            Assert.Contains($"'../templates/{template.File}'", File.ReadAllText(main), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TemplatePartyColours_AreTheSitesPartyCatalog()
    {
        var runtime = File.ReadAllText(Path.Combine(Graphics, "runtime", "template.js"));

        var parties = PartyEntry().Matches(runtime).Select(m => (Code: m.Groups["code"].Value, Name: Regex.Unescape(m.Groups["name"].Value), Colour: m.Groups["colour"].Value)).ToList();

        Assert.Equal(17, parties.Count);
        Assert.All(parties, p =>
        {
            Assert.True(PartyCatalog.IsKnown(p.Code), p.Code);
            Assert.Equal(PartyCatalog.Get(p.Code), new Party(p.Code, p.Name, p.Colour));
        });
        Assert.Equal(PartyCatalog.UnknownColour, UnknownColour().Match(runtime).Groups["colour"].Value);
    }

    private static IEnumerable<string> ScriptFiles() =>
        Directory.EnumerateFiles(Graphics, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}fonts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<(string Name, string Css)> StyleSources()
    {
        foreach (var css in Directory.EnumerateFiles(Path.Combine(Graphics, "runtime"), "*.css").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(css), File.ReadAllText(css));
        }

        foreach (var html in Directory.EnumerateFiles(Path.Combine(Graphics, "templates"), "*.html").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(html), string.Join('\n', StyleBlock().Matches(File.ReadAllText(html)).Select(m => m.Groups["css"].Value)));
        }
    }

    private static string InlineScripts(string html) =>
        string.Join("\n;\n", ScriptBlock().Matches(html).Select(m => m.Groups["code"].Value));

    /// <summary>Parses with acorn (an npm dev dependency of the web project, installed by its build) under node; null when it parses.</summary>
    private static string? ParseWithAcorn(string code, int ecmaVersion)
    {
        var acorn = Path.Combine(RepositoryRoot(), "src", "ResultsLive.Web", "node_modules", "acorn");
        Assert.True(Directory.Exists(acorn), $"acorn is missing at {acorn}: build the web project (it runs npm ci)");
        var script = $$"""
            const acorn = require({{JsonSerializer.Serialize(acorn)}});
            let code = '';
            process.stdin.on('data', d => code += d);
            process.stdin.on('end', () => {
              try { acorn.parse(code, { ecmaVersion: {{ecmaVersion}}, sourceType: 'script' }); console.log('ok'); }
              catch (e) { console.log(e.message); }
            });
            """;
        var start = new ProcessStartInfo("node", ["-e", script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        node.StandardInput.Write(code);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, node.StandardError.ReadToEnd());
        return output == "ok" ? null : output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResultsLive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ResultsLive.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?<![-\w])(inset\s*:|aspect-ratio|gap\s*:|clamp\(|(?<![\w.])min\(|(?<![\w.])max\(|:is\(|:where\(|:has\(|@container|@layer|(?<![-\w])(translate|rotate|scale)\s*:)")]
    private static partial Regex NewerCssPattern();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"<script>(?<code>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"<style>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex(@"window\.SPXGCTemplateDefinition\s*=\s*(?<json>\{.*?\});\s*</script>", RegexOptions.Singleline)]
    private static partial Regex SpxDefinition();

    [GeneratedRegex(@"^\s*(?<code>\w+): \['(?<name>[^']*)', '(?<colour>#[0-9A-F]{6})'\]", RegexOptions.Multiline)]
    private static partial Regex PartyEntry();

    [GeneratedRegex(@"UNKNOWN_COLOUR = '(?<colour>#[0-9A-F]{6})'")]
    private static partial Regex UnknownColour();
}
