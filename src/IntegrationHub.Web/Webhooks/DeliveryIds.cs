namespace IntegrationHub.Web.Webhooks;

/// <summary>The <c>webhook-id</c> of a delivery is <c>msg_</c> + its log id; partners name it to say which delivery they answer.</summary>
internal static class DeliveryIds
{
    private const string Prefix = "msg_";

    public static bool TryReadLogId(string deliveryId, out string? logId)
    {
        logId = null;
        var id = deliveryId.StartsWith(Prefix, StringComparison.Ordinal) ? deliveryId[Prefix.Length..] : deliveryId;
        if (id.Length != 32 || !id.All(Uri.IsHexDigit))
        {
            return false;
        }

        logId = id.ToLowerInvariant();
        return true;
    }
}
