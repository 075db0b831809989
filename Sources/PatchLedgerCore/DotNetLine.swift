/// .NET Framework component names, as MSRC writes them: `Microsoft .NET Framework 4.7.2`,
/// `Microsoft .NET Framework 3.5 AND 4.7.2`, `Microsoft .NET Framework 4.6/4.6.1/4.6.2/4.7`.
///
/// One update serves every version its name lists: since 2019 one cumulative update serves 3.5 and the installed
/// 4.x (`3.5 AND 4.7.2`), and MSRC named one 4.x line more broadly as versions came (`4.6/4.6.1`, then
/// `4.6/4.6.1/4.6.2/4.7/4.7.1/4.7.2`). A name that lists every version another lists, some 4.x among them,
/// includes it: a VM that shows the narrower one shows the broader one, and the broader line's updates cover
/// the narrower line's older ones. `3.5 AND 4.8` does not include `4.7.2`: 4.8 replaces 4.7.2 in place.
enum DotNetLine {
    static let prefix = "Microsoft .NET Framework "

    /// The versions a component name lists, or `nil` for anything but .NET Framework.
    static func versions(_ component: String) -> Set<String>? {
        guard component.hasPrefix(prefix) else { return nil }
        let list = component.dropFirst(prefix.count)
            .split(whereSeparator: { $0 == "/" || $0 == "," || $0 == " " })
            .filter { $0 != "AND" && $0 != "and" }
        guard !list.isEmpty, list.allSatisfy({ $0.first?.isNumber == true }) else { return nil }
        return Set(list.map(String.init))
    }

    /// Whether `outer` includes `inner`: the same name, or .NET names where `outer` lists every version `inner`
    /// lists, some 4.x among them (an update of `outer` serves every 4.x it lists; 3.5 alone says nothing of the
    /// 4.x installed).
    static func includes(_ outer: String, _ inner: String) -> Bool {
        if outer == inner { return true }
        guard let o = versions(outer), let i = versions(inner) else { return false }
        return i.contains { $0.hasPrefix("4") } && o.isSuperset(of: i)
    }
}
