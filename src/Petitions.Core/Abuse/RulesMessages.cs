using Microsoft.Extensions.Localization;

namespace Petitions.Core.Abuse;

// The words Core writes for Admins changing the abuse rules and the block and allow lists:
// validation messages and descriptions of list entries, in RulesMessages.*.resx beside this file.
// The audit log keeps its own English descriptions.
public sealed class RulesMessages;

// Access list values as staff read them, in the language of the request.
public static class RulesText
{
    public static string Invalid(IStringLocalizer<RulesMessages> text, AccessListValue.Invalid invalid) =>
        text[invalid.Key, invalid.Args.Cast<object>().ToArray()];

    public static string Describe(IStringLocalizer<RulesMessages> text, AccessKind kind, string value) => kind switch
    {
        AccessKind.IpRange when AccessListValues.IsSingleAddress(value) => text["Rules.DescribeIpAddress", value[..value.IndexOf('/')]],
        AccessKind.IpRange => text["Rules.DescribeIpRange", value],
        AccessKind.EmailDomain => text["Rules.DescribeEmailDomain", value],
        _ => text["Rules.DescribeEmailAddress", value],
    };
}
