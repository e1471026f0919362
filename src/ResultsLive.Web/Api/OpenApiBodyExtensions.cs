using Microsoft.OpenApi;

namespace ResultsLive.Web.Api;

/// <summary>
/// Documents a JSON request body that the handler reads itself. <c>Accepts&lt;T&gt;()</c> would also make routing answer
/// a wrong content type with a bare 415 before the handler runs; the handler's 415 names the field and the reason.
/// </summary>
internal static class OpenApiBodyExtensions
{
    public static RouteHandlerBuilder WithJsonRequestBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false) },
                },
            };
        });
}
