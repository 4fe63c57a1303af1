using NUnit.Framework;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Workspace;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Workspace;

/// <summary><see cref="ProjectLoader.LoadEveryEnvironment"/> (<c>--config-env '*'</c>): one load per group of
/// environments that configure every template alike, each template bound once per distinct setting.</summary>
public sealed class EveryEnvironmentLoadTests
{
    private const string Template = """
        Parameters:
          Env: { Type: String, Default: dev }
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              FunctionName: !Sub api-${Env}
        """;

    /// <summary>default and staging say the same; prod overrides Env. A TOML file, then a YAML file in another folder
    /// with environments of its own.</summary>
    private static TemporaryRepository Repository()
    {
        var repository = new TemporaryRepository();
        repository.Write("app/template.yaml", Template);
        repository.Write("app/samconfig.toml", """
            version = 0.1
            [default.deploy.parameters]
            stack_name = "app"
            [staging.deploy.parameters]
            stack_name = "app"
            [prod.deploy.parameters]
            stack_name = "app"
            parameter_overrides = "Env=prod"
            """);
        repository.Write("shared/template.yaml", Template);
        return repository;
    }

    [Test]
    public void EnvironmentsThatConfigureAlike_AreOneLoad_AndAnUnconfiguredTemplateIsBoundOnce()
    {
        using var repository = Repository();

        var loads = ProjectLoader.LoadEveryEnvironment(new LoadRequest { Root = repository.Root });

        Assert.That(loads.Select(l => l.Environments), Is.EqualTo(new[] { new[] { "default", "staging" }, new[] { "prod" } }));
        var app = loads.Select(l => l.Result.Project.Templates.Single(t => t.Path == "app/template.yaml")).ToList();
        var shared = loads.Select(l => l.Result.Project.Templates.Single(t => t.Path == "shared/template.yaml")).ToList();
        Assert.That(app.Select(t => t.Functions[0].StaticName), Is.EqualTo(new[] { "api-dev", "api-prod" }));
        Assert.That(shared[1], Is.SameAs(shared[0]), "no samconfig configures shared/template.yaml: bound once for every environment");
        Assert.That(app[1], Is.Not.SameAs(app[0]), "app/template.yaml is bound once per distinct setting: twice");
        Assert.That(loads.SelectMany(l => l.Result.Notifications), Is.Empty);
    }

    [Test]
    public void WithoutSamconfigEnvironments_TheOneLoadHasNoEnvironmentNames()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("samconfig.toml", "version = 0.1\n");

        var loads = ProjectLoader.LoadEveryEnvironment(new LoadRequest { Root = repository.Root });

        Assert.That(loads, Has.Count.EqualTo(1));
        Assert.That(loads[0].Environments, Is.Empty);
        Assert.That(loads[0].Result.Project.Templates.Single().Functions[0].StaticName, Is.EqualTo("api-dev"));
    }

    [Test]
    public void EnvironmentsOfSeveralFiles_AreInPathOrderThenWrittenOrder()
    {
        using var repository = Repository();
        repository.Write("shared/samconfig.yaml", "version: 0.1\nqa:\n  deploy:\n    parameters:\n      parameter_overrides: Env=qa\nprod:\n  deploy:\n    parameters:\n      stack_name: shared\n");

        var loads = ProjectLoader.LoadEveryEnvironment(new LoadRequest { Root = repository.Root });

        Assert.That(loads.SelectMany(l => l.Environments), Is.EqualTo(new[] { "default", "staging", "prod", "qa" }));
        Assert.That(loads.Select(l => l.Result.Project.Templates.Single(t => t.Path == "shared/template.yaml").Functions[0].StaticName),
            Is.EqualTo(new[] { "api-dev", "api-dev", "api-qa" }), "default, staging: no shared environment; prod: Env's default; qa: Env=qa");
        Assert.That(loads.SelectMany(l => l.Result.Notifications).Select(n => (n.Path, n.Message)), Is.EqualTo(new[]
        {
            ("shared/samconfig.yaml", "No 'default' environment in this samconfig (it has 'qa', 'prod'); its stack name, parameter overrides and tags are not used"),
            ("shared/samconfig.yaml", "No 'staging' environment in this samconfig (it has 'qa', 'prod'); its stack name, parameter overrides and tags are not used"),
            ("app/samconfig.toml", "No 'qa' environment in this samconfig (it has 'default', 'staging', 'prod'); its stack name, parameter overrides and tags are not used"),
        }));
    }

    [Test]
    public void Load_RefusesTheEveryEnvironmentName()
    {
        Assert.That(() => ProjectLoader.Load(new LoadRequest { Root = "/nonexistent", ConfigEnvironment = SamConfig.EveryEnvironment }), Throws.ArgumentException);
    }
}
