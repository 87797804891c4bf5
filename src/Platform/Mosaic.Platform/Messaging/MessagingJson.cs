using System.Text.Json;

namespace Mosaic.Platform.Messaging;

/// <summary>How envelopes and event data are written: the web defaults (camelCase), the same in every service.</summary>
public static class MessagingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
