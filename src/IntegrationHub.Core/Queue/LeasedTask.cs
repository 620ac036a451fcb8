namespace IntegrationHub.Queue;

/// <summary>A task taken by a worker until <see cref="LeasedUntil"/>; after that anyone may take it again.</summary>
/// <param name="TaskId">Store id of the task.</param>
/// <param name="LeaseToken">Proves this lease still owns the task when completing it.</param>
/// <param name="Task">The task.</param>
/// <param name="LeasedUntil">When the lease lapses.</param>
/// <param name="TimesLeased">How often the task was taken, this lease included.</param>
public sealed record LeasedTask(string TaskId, string LeaseToken, DispatchTask Task, DateTimeOffset LeasedUntil, int TimesLeased);
