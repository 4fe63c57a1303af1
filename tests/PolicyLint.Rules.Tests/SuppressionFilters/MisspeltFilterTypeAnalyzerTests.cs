using NUnit.Framework;
using PolicyLint.Rules.SuppressionFilters;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.SuppressionFilters;

public sealed class MisspeltFilterTypeAnalyzerTests
{
    [TestCase("AWS::Inspector2::Filter")]
    [TestCase("AWS::Inspectorv2::Filter")]
    [TestCase("AWS::InspectorV2::Filters")]
    [TestCase("AWS::Inspector::Filter")]
    [TestCase("aws::inspectorv2::filter")]
    public void Reports_AMisspeltType_AtItsValue(string type) => RuleTest.For<MisspeltFilterTypeAnalyzer>()
        .WithTemplate($$"""
            Resources:
              AcceptedCveFilter:
                Type: {|#0:{{type}}|}
                Properties:
                  Name: accepted-cve-2024-3094
                  FilterAction: SUPPRESS
                  FilterCriteria:
                    VulnerabilityId: [{ Comparison: EQUALS, Value: CVE-2024-3094 }]
            """)
        .Expect(0, "PL5003", $"Resource 'AcceptedCveFilter' has type '{type}', which is not a CloudFormation type: the Amazon Inspector filter type is 'AWS::InspectorV2::Filter', so the deployment fails and PolicyLint does not check this resource as a suppression rule; write 'AWS::InspectorV2::Filter'")
        .Verify();

    [Test]
    public void Reports_InAJsonTemplate_AtTheQuotedValue() => RuleTest.For<MisspeltFilterTypeAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "NoiseFilter": { "Type": [|"AWS::Inspector2::Filter"|], "Properties": { "FilterAction": "NONE" } }
              }
            }
            """, "template.json")
        .Verify();

    [Test]
    public void DoesNotReport_TheRightTypeAndOtherInspectorTypes() => RuleTest.For<MisspeltFilterTypeAnalyzer>()
        .WithTemplate("""
            Resources:
              AcceptedCveFilter:
                Type: AWS::InspectorV2::Filter
                Properties: { Name: accepted, FilterAction: SUPPRESS }
              CisScan:
                Type: AWS::InspectorV2::CisScanConfiguration
              AssessmentTarget:
                Type: AWS::Inspector::AssessmentTarget
              Worker:
                Type: AWS::Serverless::Function
            """)
        .Verify();
}
