using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Families;

namespace IntegrationHub.Tests.Workers;

/// <summary>A worker builds a delivery's family for the status callback only when the family implements one.</summary>
public sealed class ActionFamilyRegistrationTests
{
    [Fact]
    public void A_family_that_keeps_the_interfaces_callback_does_not_observe_deliveries()
    {
        Assert.False(new ActionFamilyRegistration(ActionFamily.Patient, typeof(PatientFamily)).ObservesDeliveries);
        Assert.False(new ActionFamilyRegistration(ActionFamily.Billing, typeof(BillingFamily)).ObservesDeliveries);
    }

    [Fact]
    public void A_family_that_records_delivery_outcomes_observes_deliveries()
    {
        Assert.True(new ActionFamilyRegistration(ActionFamily.Report, typeof(ReportFamily)).ObservesDeliveries);
    }
}
