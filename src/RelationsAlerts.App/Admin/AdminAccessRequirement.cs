using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Who may call the admin API once authenticated: any holder of an API key, and a bearer token that carries one of
/// <c>Admin:Jwt:RequiredRoles</c> (<c>roles</c>) or <c>Admin:Jwt:RequiredScopes</c> (<c>scp</c>); with neither configured, every
/// token valid for the audience. A bearer token that fails this gets 403.
/// </summary>
internal sealed class AdminAccessRequirement : IAuthorizationRequirement
{
    public const string RolesClaim = "roles";
    public const string ScopesClaim = "scp";
}

internal sealed class AdminAccessHandler(IOptionsMonitor<AdminOptions> options) : AuthorizationHandler<AdminAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminAccessRequirement requirement)
    {
        var identity = context.User.Identities.FirstOrDefault(i => i.IsAuthenticated);
        var allowed = identity?.AuthenticationType switch
        {
            ApiKeyAuthenticationHandler.SchemeName => true,
            AdminBearer.SchemeName => Allows(options.CurrentValue.Jwt, identity),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool Allows(AdminJwtOptions jwt, ClaimsIdentity identity)
    {
        var roles = jwt.UsableRoles.ToHashSet(StringComparer.Ordinal);
        var scopes = jwt.UsableScopes.ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0 && scopes.Count == 0)
        {
            return true;
        }

        return identity.FindAll(AdminAccessRequirement.RolesClaim).Any(c => roles.Contains(c.Value))
            || identity.FindAll(AdminAccessRequirement.ScopesClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Any(scopes.Contains);
    }
}
