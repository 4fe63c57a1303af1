using System.Reflection;
using System.Reflection.Emit;

namespace PolicyLint.Testing;

/// <summary>
/// The namespace dependency graph of a compiled assembly: an edge A → B when a type of namespace A (nested and
/// compiler-generated types count as their outermost declaring type) uses a type of namespace B of the same assembly
/// in a base type, an interface, a field, a property, a method signature or a method body (every type, method and
/// field token of the IL, generic arguments included). Attributes and doc comments are not uses.
/// </summary>
public sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                     BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly SortedDictionary<(string From, string To), SortedSet<string>> _uses;

    private NamespaceGraph(SortedDictionary<string, SortedSet<string>> edges, SortedDictionary<(string From, string To), SortedSet<string>> uses)
    {
        Edges = edges;
        _uses = uses;
    }

    /// <summary>Every namespace of the assembly with the namespaces of the same assembly it uses (itself excluded).</summary>
    public SortedDictionary<string, SortedSet<string>> Edges { get; }

    /// <summary>Computes the graph of <paramref name="assembly"/>.</summary>
    public static NamespaceGraph Of(Assembly assembly)
    {
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var uses = new SortedDictionary<(string From, string To), SortedSet<string>>();
        var prefix = assembly.GetName().Name!;
        bool Own(string? ns) => ns is not null && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
        foreach (var type in assembly.GetTypes())
        {
            var from = NamespaceOf(type);
            if (!Own(from))
                continue;
            if (!edges.TryGetValue(from!, out var targets))
                edges[from!] = targets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type))
            {
                foreach (var each in Flatten(used))
                {
                    if (each.Assembly == assembly && NamespaceOf(each) is { } to && to != from && Own(to))
                    {
                        targets.Add(to);
                        if (!uses.TryGetValue((from!, to), out var pairs))
                            uses[(from!, to)] = pairs = new SortedSet<string>(StringComparer.Ordinal);
                        pairs.Add($"{Outermost(type).Name} uses {Outermost(each).Name}");
                    }
                }
            }
        }

        return new NamespaceGraph(edges, uses);
    }

    /// <summary>The cycles: each strongly connected component of more than one namespace, its members sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() =>
        FindCycles(Edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value, StringComparer.Ordinal));

    /// <summary>The strongly connected components of more than one node of <paramref name="edges"/> (Tarjan),
    /// each sorted, in order of their first member.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> FindCycles(IReadOnlyDictionary<string, IEnumerable<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var ws) ? ws : [])
            {
                if (!index.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            }
            while (x != v);
            if (component.Count > 1)
                result.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
                Visit(v);
        }

        return result.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    /// <summary>One line per namespace: <c>A -> B, C</c> (<c>A -> (none)</c> when it uses no other).</summary>
    public string Render(string? prefix = null) => string.Join('\n', Edges.Select(e =>
        $"{Strip(e.Key, prefix)} -> {(e.Value.Count == 0 ? "(none)" : string.Join(", ", e.Value.Select(v => Strip(v, prefix))))}"));

    private static string Strip(string name, string? prefix) =>
        prefix is not null && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

    /// <summary>Why <paramref name="from"/> uses <paramref name="to"/>: lines <c>Type uses OtherType</c>.</summary>
    public IReadOnlyCollection<string> Why(string from, string to) =>
        _uses.TryGetValue((from, to), out var pairs) ? pairs : [];

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static string? NamespaceOf(Type type) => Outermost(type).Namespace;

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()!))
                yield return t;
            yield break;
        }

        if (type.IsGenericParameter)
            yield break;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var t in Flatten(argument))
                    yield return t;
            }

            yield break;
        }

        yield return type;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        if (type.BaseType is not null)
            yield return type.BaseType;
        foreach (var i in type.GetInterfaces())
            yield return i;
        foreach (var field in type.GetFields(All))
            yield return field.FieldType;
        foreach (var property in type.GetProperties(All))
            yield return property.PropertyType;
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
                yield return info.ReturnType;
            foreach (var parameter in method.GetParameters())
                yield return parameter.ParameterType;
            foreach (var used in BodyTypes(method))
                yield return used;
        }
    }

    /// <summary>The types named by the type, method and field tokens of a method body.</summary>
    private static List<Type> BodyTypes(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
            return [];
        var found = new List<Type>();
        foreach (var local in body.LocalVariables)
            found.Add(local.LocalType);
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE)
            {
                op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))];
                i += 2;
            }
            else
            {
                op = OpCodesByValue[il[i]];
                i += 1;
            }

            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                        switch (member)
                        {
                            case Type t:
                                found.Add(t);
                                break;
                            case MethodBase m:
                                found.Add(m.DeclaringType!);
                                if (m.IsGenericMethod)
                                    found.AddRange(m.GetGenericArguments());
                                break;
                            case FieldInfo f:
                                found.Add(f.DeclaringType!);
                                found.Add(f.FieldType);
                                break;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // a token of another generic context: its declaring type is still named by a signature
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }

        return found;
    }
}
