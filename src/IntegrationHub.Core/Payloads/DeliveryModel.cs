using System.Text.Json.Nodes;
using IntegrationHub.Actions;

namespace IntegrationHub.Payloads;

/// <summary>
/// One integration's view of an event's model: the family's model plus <c>event</c> (ids of this
/// delivery) and <c>attachments</c> (placeholders the dispatcher fills). The same shape is used to
/// render real payloads and to check templates when they are saved.
/// </summary>
public static class DeliveryModel
{
    public static PayloadModel For(PayloadModel model, EventContext context, IReadOnlyList<string> attachments, string deliveryId)
    {
        var own = model.Clone();
        own.Root["event"] = new JsonObject
        {
            ["deliveryId"] = deliveryId,
            ["actionId"] = (int)context.ActionId,
            ["action"] = ActionCatalog.Get(context.ActionId).Name,
            ["labId"] = context.LabId,
            ["occurredAt"] = context.OccurredAt,
            ["source"] = context.Source,
        };
        if (attachments.Count > 0)
        {
            var slots = new JsonObject();
            foreach (var name in attachments)
            {
                slots[name] = new JsonObject
                {
                    ["name"] = name,
                    ["contentType"] = "application/pdf",
                    ["base64"] = AttachmentPlaceholder.For(name),
                };
            }

            own.Root["attachments"] = slots;
        }

        return own;
    }
}
