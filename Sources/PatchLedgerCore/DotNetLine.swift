/// .NET Framework component names, as MSRC writes them: `Microsoft .NET Framework 4.7.2`,
/// `Microsoft .NET Framework 3.5 AND 4.7.2`, `Microsoft .NET Framework 4.6/4.6.1/4.6.2/4.7`.
///
/// Since 2019 one cumulative update serves 3.5 and the installed 4.x together, under the combined name; before,
/// each had its own. A combined component includes a plain one with the same 4.x versions (`3.5 AND 4.7.2`
/// includes `4.7.2`): a VM that shows the plain one shows the combined one, and the combined line's updates
/// cover the plain line's older ones. 4.x versions replace each other in place, so a different 4.x set is
/// another line.
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

    /// Whether `outer` includes `inner`: the same name, or .NET names where `outer` lists every version
    /// `inner` lists and the same 4.x versions, some.
    static func includes(_ outer: String, _ inner: String) -> Bool {
        if outer == inner { return true }
        guard let o = versions(outer), let i = versions(inner) else { return false }
        let o4 = o.filter { $0.hasPrefix("4") }
        return !o4.isEmpty && o4 == i.filter { $0.hasPrefix("4") } && o.isSuperset(of: i)
    }
}
