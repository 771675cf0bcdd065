import Attribution
import CapTableCore

/// A self-contained HTML report: tables, the chart of who controls whom, and
/// each holder's percent of class against the 5%, 10% and 20% lines. No
/// network and no external assets; every name escaped.
public enum HTMLReport {
    /// One class's part of the page: written as each class is made.
    public static func section(_ c: Case, _ o: ClassOwnership, _ capTable: CapTable) -> String {
        let e = Markup.escaped
        let sc = c.classes[o.classIndex]
        var body = "<section>\n<h1>\(e(sc.issuer)): \(e(sc.title))</h1>\n"
        body += "<p class=\"basis\">As of \(o.asOf). \(grouped(o.sharesOutstanding.count)) shares outstanding; each percent is of outstanding plus the holder's own shares acquirable within 60 days (Rule 13d-3(d)(1)(i)). Fully diluted: \(grouped(capTable.fullyDiluted.count)) shares.</p>\n"
        body += "<h2>Who controls whom</h2>\n" + controlChart(c, o) + "\n"
        body += "<p class=\"basis\">Arrows run from controller to controlled, labelled with the role and the power it gives. Dashed: a relation whose controller disclaims beneficial ownership (Rule 13d-4). Dotted grey: control cut by the rule of three. Blue outline: a group (Rule 13d-5(b)). Shaded: over 5%.</p>\n"
        body += "<h2>Percent of class</h2>\n" + percentChart(c, o) + "\n"
        body += "<h2>Beneficial ownership</h2>\n" + Self.table(Reports.ownership(c, [o]))
        body += "<h2>Cap table</h2>\n" + Self.table(Reports.capTable(c, [capTable]))
        body += "<p class=\"basis\">\(e(CapTable.basis)).</p>\n</section>\n"
        return body
    }

    /// What comes before the classes' sections, and after.
    public static let pageStart = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Beneficial ownership report</title>
        <style>
        body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#1b1f24}
        h1{font-size:20px}h2{font-size:16px;margin-top:28px}
        table{border-collapse:collapse;font-size:12px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;white-space:nowrap}
        th{text-align:left;border-bottom:2px solid #333}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .basis{font-size:12px;color:#444}svg{display:block;max-width:100%;height:auto}
        svg text{font-family:Helvetica,Arial,sans-serif}
        </style>
        </head>
        <body>

        """
    public static let pageEnd = "</body>\n</html>\n"

    /// A document's rows as an HTML table (the columns people read).
    static func table(_ doc: Document) -> String {
        let e = Markup.escaped
        let shown = doc.columns.indices.filter { doc.columns[$0].forPeople }
        var out = "<table>\n<thead><tr>" + shown.map { "<th>\(e(doc.columns[$0].title))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for section in doc.sections {
            for row in section.rows {
                out += "<tr>" + shown.map { i -> String in
                    switch row[i] {
                    case .count(let n): return "<td class=\"n\">\(grouped(n))</td>"
                    case .decimal(let s): return "<td class=\"n\">\(e(s))</td>"
                    case .text(let s): return "<td>\(e(s))</td>"
                    case .flag(let b): return "<td>\(b ? "yes" : "")</td>"
                    case .list(let items): return "<td>\(e(items.joined(separator: "; ")))</td>"
                    }
                }.joined() + "</tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    // MARK: The control chart

    static let boxWidth = 196, boxHeight = 46, gapX = 16, gapY = 84, perRow = 8, margin = 24

    /// Persons as boxes in levels (those who control nobody at the bottom),
    /// control as arrows labelled with the role and the power, disclaimed
    /// relations dashed, relations cut by the rule of three dotted, groups outlined.
    static func controlChart(_ c: Case, _ o: ClassOwnership) -> String {
        let e = Markup.escaped
        let rows = Dictionary(uniqueKeysWithValues: o.rows.map { ($0.person, $0) })
        var shown = Set(o.rows.filter { !$0.isGroup }.map(\.person))
        for r in c.relations where shown.contains(r.controlled) || shown.contains(r.controller) {
            shown.insert(r.controller); shown.insert(r.controlled)
        }
        let nodes = c.persons.indices.filter { shown.contains($0) && c.persons[$0].kind != .group }
        // Level: 0 for who controls nobody shown, else one above the highest it controls.
        var level: [Int: Int] = [:]
        var changed = true
        for p in nodes { level[p] = 0 }
        while changed {
            changed = false
            for r in c.relations where level[r.controller] != nil && level[r.controlled] != nil {
                if level[r.controller]! < level[r.controlled]! + 1 { level[r.controller] = level[r.controlled]! + 1; changed = true }
            }
        }
        let top = level.values.max() ?? 0
        var position: [Int: (x: Int, y: Int)] = [:]
        var y = margin + 18
        var width = 0
        for l in stride(from: 0, through: top, by: 1) {
            var members = nodes.filter { level[$0] == l }
            if l == 0 {
                // Those someone controls first, under their controllers; independent holders after.
                let controlled = Set(c.relations.map(\.controlled))
                members = members.filter { controlled.contains($0) } + members.filter { !controlled.contains($0) }
            } else {
                // Above each level, controllers sit over what they control (by mean position).
                let key = { (p: Int) -> Int in
                    let xs = c.relations.filter { $0.controller == p }.compactMap { position[$0.controlled]?.x }
                    return xs.isEmpty ? Int.max : xs.reduce(0, +) / xs.count
                }
                members = members.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
            }
            position.merge(place(members, levelFromBottom: l), uniquingKeysWith: { a, _ in a })
        }
        // Lay the levels out top (controllers) to bottom.
        var rowsOfLevel: [Int: Int] = [:]
        for l in 0...top { rowsOfLevel[l] = max(1, (nodes.filter { level[$0] == l }.count + perRow - 1) / perRow) }
        var rowY: [Int: Int] = [:]
        for l in stride(from: top, through: 0, by: -1) {
            rowY[l] = y
            y += rowsOfLevel[l]! * (boxHeight + gapY)
        }
        var placed: [Int: (x: Int, y: Int)] = [:]
        for (p, pos) in position {
            placed[p] = (pos.x, rowY[level[p]!]! + pos.y)
            width = max(width, pos.x + boxWidth + margin)
        }
        let height = y - gapY + margin + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Who controls whom\">\n"
        svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n"
        // Groups, outlined behind their members: one outline per run of
        // members side by side on a row, so that no one else falls inside.
        for g in c.persons.indices where c.persons[g].kind == .group {
            let members = c.memberships.filter { $0.group == g }.compactMap { placed[$0.member] }
                .sorted { ($0.y, $0.x) < ($1.y, $1.x) }
            guard !members.isEmpty else { continue }
            let occupied = Set(placed.values.map { "\($0.x),\($0.y)" })
            var runs: [[(x: Int, y: Int)]] = []
            for m in members {
                if let last = runs.last?.last, last.y == m.y,
                   !(stride(from: last.x + boxWidth + gapX, to: m.x, by: boxWidth + gapX).contains { occupied.contains("\($0),\(m.y)") }) {
                    runs[runs.count - 1].append(m)
                } else {
                    runs.append([m])
                }
            }
            let label = rows[g].map { " — \(grouped($0.aggregate.count)) shares, \($0.percentOfClass.text)" } ?? ""
            for (i, run) in runs.enumerated() {
                let x0 = run.first!.x - 8, y0 = run.first!.y - 20
                let x1 = run.last!.x + boxWidth + 8, y1 = run.first!.y + boxHeight + 8
                svg += "<rect class=\"group\" x=\"\(x0)\" y=\"\(y0)\" width=\"\(x1 - x0)\" height=\"\(y1 - y0)\" rx=\"10\" fill=\"#eef4fb\" stroke=\"#3b6ea5\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n"
                let text = i == 0 ? "group: \(c.persons[g].name)\(label)" : "group: \(c.persons[g].name) (continued)"
                svg += "<text x=\"\(x0 + 8)\" y=\"\(y0 + 13)\" font-size=\"10\" fill=\"#3b6ea5\">\(e(shortened(text, max(30, (x1 - x0) / 6))))</text>\n"
            }
        }
        var controllers: [Int: Int] = [:]
        for r in c.relations { controllers[r.controlled, default: 0] += 1 }
        for r in c.relations {
            guard let a = placed[r.controller], let b = placed[r.controlled] else { continue }
            let cut = c.persons[r.controlled].majorityRule && controllers[r.controlled]! >= 3
            let (x1, y1) = (a.x + boxWidth / 2, a.y + boxHeight)
            let (x2, y2) = (b.x + boxWidth / 2, b.y)
            let dash = cut ? " stroke-dasharray=\"2 3\"" : r.disclaims ? " stroke-dasharray=\"6 4\"" : ""
            let color = cut ? "#aaa" : "#555"
            svg += "<line class=\"control\(r.disclaims ? " disclaimed" : "")\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"\(color)\" stroke-width=\"1.2\"\(dash) marker-end=\"url(#arrow)\"/>\n"
            // Only the control that attributes shares is labelled; the legend explains the rest.
            guard !r.disclaims && !cut else { continue }
            let power = r.voting == r.dispositive ? r.voting.word : "\(r.voting.word)/\(r.dispositive.word)"
            svg += "<text x=\"\((x1 + x2) / 2 + 4)\" y=\"\((y1 + y2) / 2)\" font-size=\"10\" fill=\"#333\">\(e("\(r.role.short) · \(power)"))</text>\n"
        }
        for p in nodes {
            guard let at = placed[p] else { continue }
            let person = c.persons[p]
            let figure = rows[p].map { "\(grouped($0.aggregate.count)) · \($0.percentOfClass.text)" } ?? "no shares attributed"
            let fill = rows[p].map { Threshold.fivePercent.isCrossed(by: $0.percentOfClass) ? "#fff1e0" : "#ffffff" } ?? "#f4f4f4"
            svg += "<g class=\"person\"><rect x=\"\(at.x)\" y=\"\(at.y)\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"4\" fill=\"\(fill)\" stroke=\"#333\"/>"
            svg += "<text x=\"\(at.x + 8)\" y=\"\(at.y + 18)\" font-size=\"11\" font-weight=\"bold\">\(e(shortened(person.name, 31)))</text>"
            svg += "<text x=\"\(at.x + 8)\" y=\"\(at.y + 35)\" font-size=\"10\" fill=\"#333\">\(e(figure))</text></g>\n"
        }
        return svg + "</svg>"
    }

    /// Positions within a level's block: up to `perRow` boxes a row.
    static func place(_ members: [Int], levelFromBottom: Int) -> [Int: (x: Int, y: Int)] {
        var out: [Int: (x: Int, y: Int)] = [:]
        for (i, p) in members.enumerated() {
            out[p] = (margin + (i % perRow) * (boxWidth + gapX), (i / perRow) * (boxHeight + gapY))
        }
        return out
    }

    static func shortened(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    // MARK: The percent chart

    /// Each person's and group's percent of class as a bar, against the lines.
    static func percentChart(_ c: Case, _ o: ClassOwnership) -> String {
        let e = Markup.escaped
        let labelWidth = 300, plot = 620, bar = 16, gap = 6, top = 28
        let maxPercent = o.rows.map(\.percentOfClass.percent).max() ?? .zero
        var scale = 25
        while Fraction(scale) < maxPercent { scale += 5 }
        func x(_ percent: Fraction) -> Int { labelWidth + Int((percent * Fraction(plot) / Fraction(scale)).floor) }
        let height = top + o.rows.count * (bar + gap) + 20
        let width = labelWidth + plot + 80
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Percent of class\">\n"
        for (i, row) in o.rows.enumerated() {
            let p = row.percentOfClass
            let y = top + i * (bar + gap)
            let color = Threshold.twentyPercent.isCrossed(by: p) ? "#c0392b" : Threshold.tenPercent.isCrossed(by: p) ? "#e67e22"
                : Threshold.fivePercent.isCrossed(by: p) ? "#f1c40f" : "#7f8c9d"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 12)\" font-size=\"11\" text-anchor=\"end\">\(e(shortened(c.persons[row.person].name, 44)))</text>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(1, x(p.percent) - labelWidth))\" height=\"\(bar)\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(x(p.percent) + 6)\" y=\"\(y + 12)\" font-size=\"11\">\(e(p.text))</text>\n"
        }
        for line in [5, 10, 20] where line <= scale {
            let lx = x(Fraction(line))
            svg += "<line class=\"threshold\" x1=\"\(lx)\" y1=\"\(top - 8)\" x2=\"\(lx)\" y2=\"\(height - 14)\" stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(lx)\" y=\"\(top - 12)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#c0392b\">\(line)%</text>\n"
        }
        return svg + "</svg>"
    }
}

extension Power {
    var word: String { self == .sole ? "sole" : self == .shared ? "shared" : "none" }
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
