using System.Text;

namespace IntegrationHub.Payloads;

/// <summary>The output of one render: refuses to grow past the limit, and checks the render's time as it grows.</summary>
internal sealed class BoundedWriter(RenderBudget budget) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Append(buffer.ToString());

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => _text.ToString();

    private void Append(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (_text.Length + value.Length > budget.Limits.MaxOutputChars)
        {
            throw new TemplateLimitException($"the template renders more than {budget.Limits.MaxOutputChars} characters (IntegrationHub:Templates:MaxOutputChars)");
        }

        budget.CheckTime();
        _text.Append(value);
    }
}
