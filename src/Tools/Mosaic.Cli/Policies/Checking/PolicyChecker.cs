using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Platform.Contracts;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Checking;

/// <summary>
/// What <c>mosaic policy check</c> finds in a parsed policy, against the manifest's services and their committed
/// contracts: unknown services, operations no endpoint serves, duplicate and shadowed operations, event types
/// nobody publishes or consumes, and events a service's code publishes or consumes without the policy's leave.
/// Problems come errors first, then by file and line.
/// </summary>
public sealed class PolicyChecker(IReadOnlyCollection<string> manifestServices, ContractSet contracts)
{
    public IReadOnlyList<Problem> Check(PolicyDocument policy)
    {
        var problems = new List<Problem>();
        var file = policy.Path;
        CheckServices(policy, problems);
        CheckMissingContracts(policy, problems);
        CheckCalls(policy, problems);
        CheckEvents(policy, problems);
        CheckCode(policy, problems);
        return problems
            .OrderBy(p => p.IsWarning)
            .ThenBy(p => p.Source.File != file)
            .ThenBy(p => p.Source.File, StringComparer.Ordinal)
            .ThenBy(p => p.Source.Line)
            .ToList();
    }

    private bool IsService(string name) => manifestServices.Contains(name);

    private bool IsPrincipal(string name) => IsService(name) || name == PolicySource.Operator;

    private void CheckServices(PolicyDocument policy, List<Problem> problems)
    {
        foreach (var rule in policy.Calls)
        {
            if (!IsPrincipal(rule.From))
                problems.Add(Unknown(policy, rule.Line, rule.From, $"from: {rule.From}"));
            if (rule.To == PolicySource.Operator)
                problems.Add(new Problem(new SourceMark(policy.Path, rule.Line), PolicyProblemCodes.UnknownService,
                    $"to: {PolicySource.Operator} is the operator's command line, which serves nothing to call; a rule's 'to' is a service of mosaic.yaml.", rule.To));
            else if (!IsService(rule.To))
                problems.Add(Unknown(policy, rule.Line, rule.To, $"to: {rule.To}"));
        }
        foreach (var rule in policy.Events)
            foreach (var service in rule.Publishers.Concat(rule.Consumers).Distinct(StringComparer.Ordinal).Where(s => !IsPrincipal(s)))
                problems.Add(Unknown(policy, rule.Line, service, $"{rule.Type} names {service}, which"));
        foreach (var mode in policy.Modes.Where(m => !IsPrincipal(m.Service)))
            problems.Add(Unknown(policy, mode.Line, mode.Service, $"modes: {mode.Service}"));
    }

    private Problem Unknown(PolicyDocument policy, int line, string service, string what) =>
        new(new SourceMark(policy.Path, line), PolicyProblemCodes.UnknownService,
            $"{what} is not a service of mosaic.yaml (nor {PolicySource.Operator}, the operator's command line){Suggestion.DidYouMean(service, manifestServices)}", service);

    /// <summary>Without a service's contract neither its routes nor its events can be checked: once per service, where the policy first needs it.</summary>
    private void CheckMissingContracts(PolicyDocument policy, List<Problem> problems)
    {
        foreach (var service in contracts.Missing)
        {
            var line = policy.Calls.Where(r => r.To == service).Select(r => r.Line)
                .Concat(policy.Events.Where(e => e.Publishers.Contains(service) || e.Consumers.Contains(service)).Select(e => e.Line))
                .DefaultIfEmpty(1)
                .Min();
            problems.Add(new Problem(new SourceMark(policy.Path, line), PolicyProblemCodes.NoContract,
                $"{service} has no contract at {ServiceContract.RelativePath(service)}, so its routes and events cannot be checked: export it with ./mosaic policy contracts.", service));
        }
    }

    private void CheckCalls(PolicyDocument policy, List<Problem> problems)
    {
        foreach (var pair in policy.Calls.GroupBy(rule => (rule.From, rule.To)))
        {
            var earlier = new List<OperationPattern>();
            foreach (var operation in pair.SelectMany(rule => rule.Allow))
            {
                var mark = new SourceMark(policy.Path, operation.Line);
                var name = $"{pair.Key.From} -> {pair.Key.To}";
                if (earlier.FirstOrDefault(e => SameOperation(e, operation)) is { } same)
                    problems.Add(new Problem(mark, PolicyProblemCodes.DuplicateRule,
                        $"{name} allows {operation} again (first at line {same.Line}); remove this line.", pair.Key.To));
                else if (earlier.FirstOrDefault(operation.IsCoveredBy) is { } wider)
                    problems.Add(new Problem(mark, PolicyProblemCodes.ShadowedRule,
                        $"{name} {operation} is already allowed by {wider} at line {wider.Line}, so it never decides anything; remove it or narrow the earlier one.", pair.Key.To));
                earlier.Add(operation);
                CheckRoute(pair.Key.To, operation, mark, problems);
            }
        }
    }

    private static bool SameOperation(OperationPattern a, OperationPattern b) =>
        string.Equals(a.Method, b.Method, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Path.Text, b.Path.Text, StringComparison.OrdinalIgnoreCase);

    private void CheckRoute(string target, OperationPattern operation, SourceMark mark, List<Problem> problems)
    {
        if (contracts.Find(target) is null) return;
        var endpoints = contracts.Endpoints(target);
        if (endpoints.Any(endpoint => endpoint.IsReachedBy(operation))) return;
        var offered = endpoints.Count == 0 ? "it exposes no endpoint" : $"it exposes {string.Join(", ", endpoints)}";
        problems.Add(new Problem(mark, PolicyProblemCodes.UnknownRoute,
            $"{operation} reaches no endpoint of {target} ({offered}; see {ServiceContract.RelativePath(target)}).", target));
    }

    private void CheckEvents(PolicyDocument policy, List<Problem> problems)
    {
        foreach (var rule in policy.Events)
        {
            var mark = new SourceMark(policy.Path, rule.Line);
            foreach (var (list, role) in new[] { (rule.Publishers, "publishers"), (rule.Consumers, "consumers") })
                foreach (var twice in list.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1))
                    problems.Add(new Problem(mark, PolicyProblemCodes.DuplicateRule, $"{rule.Type} lists {twice.Key} twice among its {role}.", twice.Key));
            CheckSide(rule, mark, rule.Publishers, contracts.Publishes, ("publish", "published", "publishes", "publishers"), PolicyProblemCodes.NoPublisher, problems);
            CheckSide(rule, mark, rule.Consumers, contracts.Consumes, ("consume", "consumed", "consumes", "consumers"), PolicyProblemCodes.NoConsumer, problems);
        }
    }

    /// <summary>Someone listed must really publish (or consume) the event; a listed service whose code does not is more leave than it needs.</summary>
    private void CheckSide(EventRule rule, SourceMark mark, IReadOnlyList<string> listed, Func<string, string, bool> inCode,
        (string Verb, string Done, string Does, string List) words, string code, List<Problem> problems)
    {
        if (listed.Count == 0)
        {
            problems.Add(new Problem(mark, code, $"nobody may {words.Verb} {rule.Type}: list the services under {words.List}, or remove the event."));
            return;
        }
        var doing = listed.Where(service => inCode(service, rule.Type)).ToList();
        if (doing.Count == 0)
        {
            problems.Add(new Problem(mark, code,
                $"{rule.Type} may be {words.Done} by {string.Join(", ", listed)}, but none of them {words.Does} it in its code (see {ServiceContract.Folder}/); fix the {words.List}, or remove the event."));
            return;
        }
        // An unknown service is reported as such, not also as one with leave it does not use.
        foreach (var idle in listed.Except(doing, StringComparer.Ordinal).Where(IsPrincipal))
            problems.Add(new Problem(mark, PolicyProblemCodes.UnusedPermission,
                $"{idle} may {words.Verb} {rule.Type} but its code does not; remove it from the {words.List} unless it is about to.", idle, IsWarning: true));
    }

    /// <summary>What each service's code declares it publishes and consumes must be allowed, or it will be refused at run time.</summary>
    private void CheckCode(PolicyDocument policy, List<Problem> problems)
    {
        var compiled = new SegmentationPolicy(policy);
        foreach (var contract in contracts.All)
        {
            foreach (var published in contract.Publishes)
                if (!compiled.DecidePublish(contract.Service, ContractSet.TypeOf(published)).Allowed)
                    problems.Add(Undeclared(policy, contract.Service, published, "publishes", "publishers", PolicyProblemCodes.UndeclaredPublish));
            foreach (var consumed in contract.Consumes)
                if (!compiled.DecideConsume(contract.Service, ContractSet.TypeOf(consumed)).Allowed)
                    problems.Add(Undeclared(policy, contract.Service, consumed, "consumes", "consumers", PolicyProblemCodes.UndeclaredConsume));
        }
    }

    /// <summary>At the event's rule when the policy has one, else at the line of the contract that declares it.</summary>
    private Problem Undeclared(PolicyDocument policy, string service, string routingKey, string verb, string list, string code)
    {
        var type = ContractSet.TypeOf(routingKey);
        var rule = policy.Events.FirstOrDefault(e => e.Type == type);
        var mark = rule is null ? contracts.Mark(service, routingKey) : new SourceMark(policy.Path, rule.Line);
        var fix = rule is null ? $"add {type} to the policy's events with {service} among its {list}" : $"add {service} to its {list}";
        return new Problem(mark, code, $"{service} {verb} {routingKey} in its code, but the policy does not allow it: {fix}.", service);
    }
}
