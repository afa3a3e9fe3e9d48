using System.ComponentModel;

namespace Comptoir.Server.Health;

[Description("The answer of /healthz (status \"alive\") and of /readyz (status \"ready\").")]
public sealed record HealthStatusDoc(string Status);
