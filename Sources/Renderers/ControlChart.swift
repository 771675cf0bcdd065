import Attribution
import CapTableCore

/// The chart of who controls whom in a class, as Graphviz DOT source, for
/// Graphviz's `dot` layout to place (levels from controllers down to what
/// they control, crossings minimised) rather than laid out here by hand.
public enum ControlChart {
    /// The most boxes a chart shows: a chart of hundreds of holders is read
    /// by nobody, and its layout takes seconds a class. A class with more
    /// says so, and its tables list every holder.
    public static let maximumBoxes = 150

    public enum Outcome: Sendable {
        /// DOT source for `dot -Tsvg`; `whole` when it shows every holder.
        case dot(String, whole: Bool)
        /// Nobody to chart: no holder, or (in a class too large to chart whole) no person over 5%.
        case nobody
        /// More persons to show than `maximumBoxes`.
        case tooMany(Int)
    }

    /// The persons the chart shows: every holder of the class (each person
    /// with shares held or attributed) and each person related to one by
    /// control, when they are at most `maximumBoxes`; otherwise those that
    /// `overFivePercent` gives.
    public static func shown(_ c: Case, _ o: ClassOwnership) -> (persons: [Int], whole: Bool) {
        var all = Set(o.rows.filter { !$0.isGroup }.map(\.person))
        for r in c.relations where all.contains(r.controlled) || all.contains(r.controller) {
            all.insert(r.controller)
            all.insert(r.controlled)
        }
        all = all.filter { c.persons[$0].kind != .group }
        return all.count <= maximumBoxes ? (all.sorted(), true) : (overFivePercent(c, o), false)
    }

    /// Each person over 5% of the class (its
    /// beneficial figure, Rule 13d-3, disclaimers included), each member
    /// of a group over 5%, and everyone linked to one of those by control
    /// or a group, through persons that hold or are attributed shares of
    /// the class (a person without any is shown beside a neighbour, and
    /// the chart goes no further through it). Groups are not boxes: each
    /// is drawn as an outline around its members.
    static func overFivePercent(_ c: Case, _ o: ClassOwnership) -> [Int] {
        var members: [Int: [Int]] = [:], groupsOf: [Int: [Int]] = [:]
        for m in c.memberships {
            members[m.group, default: []].append(m.member)
            groupsOf[m.member, default: []].append(m.group)
        }
        var neighbours: [Int: [Int]] = [:]
        for r in c.relations {
            neighbours[r.controller, default: []].append(r.controlled)
            neighbours[r.controlled, default: []].append(r.controller)
        }
        var seen = Set<Int>(), queue: [Int] = []
        func visit(_ p: Int) {
            guard c.persons[p].kind != .group, seen.insert(p).inserted else { return }
            queue.append(p)
        }
        for row in o.rows where Threshold.fivePercent.isCrossed(by: row.beneficialPercent) {
            if row.isGroup { members[row.person, default: []].forEach(visit) } else { visit(row.person) }
        }
        var next = 0
        while next < queue.count {
            let p = queue[next]
            next += 1
            guard o.row(of: p) != nil else { continue }
            neighbours[p, default: []].forEach(visit)
            for g in groupsOf[p, default: []] { members[g, default: []].forEach(visit) }
        }
        return queue.sorted()
    }

    /// The chart of a class: boxes for the persons `shown` gives (shaded
    /// over 5%), an arrow from controller to controlled labelled with the
    /// role and the power it gives, dashed where the controller disclaims
    /// (Rule 13d-4), dotted grey where the rule of three cuts it, and an
    /// outline around each group's members (a member of two groups is drawn
    /// in the first).
    /// `shown`: the persons `shown` gives, when already worked out.
    public static func chart(_ c: Case, _ o: ClassOwnership, shown given: (persons: [Int], whole: Bool)? = nil) -> Outcome {
        let (nodes, whole) = given ?? shown(c, o)
        if nodes.isEmpty { return .nobody }
        if nodes.count > maximumBoxes { return .tooMany(nodes.count) }
        let isShown = Set(nodes)
        let e = Markup.escaped
        var dot = """
            digraph control {
              graph [rankdir=LR, concentrate=true, nodesep=0.12, ranksep=1.6, fontname="Helvetica", bgcolor="transparent"];
              node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, color="#333333", margin="0.12,0.06"];
              edge [fontname="Helvetica", fontsize=9, color="#555555", arrowsize=0.7];

            """
        func box(_ p: Int) -> String {
            let person = c.persons[p]
            let row = o.row(of: p)
            let figure = row.map { "\(grouped($0.aggregate.count)) · \($0.percentOfClass.text)" } ?? "no shares attributed"
            let fill = row.map { Threshold.fivePercent.isCrossed(by: $0.percentOfClass) ? "#fff1e0" : "#ffffff" } ?? "#f4f4f4"
            // Each box links to the person's explanation below the chart.
            return "p\(p) [id=\"person-\(p)\", class=\"person\", URL=\"#\(HTMLReport.anchor(o.classIndex, p))\", fillcolor=\"\(fill)\", label=<<b>\(e(shortened(person.name, 40)))</b><br/>\(e(figure))>];\n"
        }
        var membersShown: [Int: [Int]] = [:]
        for m in c.memberships where isShown.contains(m.member) { membersShown[m.group, default: []].append(m.member) }
        var placed = Set<Int>()
        for g in membersShown.keys.sorted() {
            let inside = membersShown[g]!.filter { !placed.contains($0) }
            guard !inside.isEmpty else { continue }
            let label = o.row(of: g).map { " — \(grouped($0.aggregate.count)) shares, \($0.percentOfClass.text)" } ?? ""
            dot += "  subgraph cluster_g\(g) {\n    id=\"group-\(g)\"; class=\"group\"; style=\"dashed,rounded,filled\"; color=\"#3b6ea5\"; fillcolor=\"#eef4fb\";\n"
            dot += "    fontsize=10; fontcolor=\"#3b6ea5\"; label=<\(e("group: " + shortened(c.persons[g].name, 60) + label))>;\n"
            for m in inside {
                dot += "    " + box(m)
                placed.insert(m)
            }
            dot += "  }\n"
        }
        for p in nodes where !placed.contains(p) { dot += "  " + box(p) }
        let cutByRuleOfThree = c.cutByRuleOfThree
        for (i, r) in c.relations.enumerated() where isShown.contains(r.controller) && isShown.contains(r.controlled) {
            let cut = cutByRuleOfThree[i]
            var attributes = cut ? "class=\"control cut\", style=dotted, color=\"#aaaaaa\""
                : r.disclaims ? "class=\"control disclaimed\", style=dashed" : "class=\"control\""
            // Only the control that attributes shares is labelled; the legend explains the rest.
            if !cut && !r.disclaims {
                let power = r.voting == r.dispositive ? r.voting.word : "\(r.voting.word)/\(r.dispositive.word)"
                attributes += ", label=<\(e("\(r.role.short) · \(power)"))>"
            }
            dot += "  p\(r.controller) -> p\(r.controlled) [\(attributes)];\n"
        }
        return .dot(dot + "}\n", whole: whole)
    }

    static func shortened(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}

extension ControlRole {
    var short: String {
        switch self {
        case .generalPartner: return "GP"
        case .managingMember: return "managing member"
        case .investmentAdviser: return "adviser"
        case .trustee: return "trustee"
        case .parent: return "parent"
        case .director: return "director"
        case .officer: return "officer"
        case .principal: return "principal"
        case .other: return "control"
        }
    }
}
