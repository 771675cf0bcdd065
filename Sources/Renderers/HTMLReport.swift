import Attribution
import CapTableCore

/// A self-contained HTML report: tables, the chart of who controls whom, and
/// each holder's percent of class against the 5%, 10% and 20% lines. No
/// network and no external assets; every name escaped.
public enum HTMLReport {
    /// Lays a chart's DOT source out as SVG (Graphviz's `dot -Tsvg`, run by the command).
    public typealias Layout = (String) throws -> String

    /// One class's part of the page, handed to `out` a part at a time (a
    /// table a row at a time), so that a class of thousands of holders is
    /// never held whole as text.
    /// `attributor`: the one `o` was computed with, whose control graph the
    /// explanations and headroom reuse.
    public static func write(_ c: Case, _ o: ClassOwnership, _ capTable: CapTable, attributor: Attributor? = nil, layout: Layout,
                             to out: (String) throws -> Void) throws {
        let e = Markup.escaped
        let sc = c.classes[o.classIndex]
        try out("<section>\n<h1>\(e(sc.issuer)): \(e(sc.title))</h1>\n")
        try out("<p class=\"basis\">As of \(o.asOf). \(grouped(o.sharesOutstanding.count)) shares outstanding; each percent is of outstanding plus the holder's own shares acquirable within 60 days (Rule 13d-3(d)(1)(i)). Fully diluted: \(grouped(capTable.fullyDiluted.count)) shares.</p>\n")
        try out("<h2>Who controls whom</h2>\n")
        let shown = ControlChart.shown(c, o)
        switch ControlChart.chart(c, o, shown: shown) {
        case .dot(let dot, let whole):
            let chartScope = whole ? "Every holder of the class and each person related to one by control."
                : "The persons over 5% of the class and those linked to them by control or a group (the class has more holders than the chart shows; the tables list them all)."
            try out(svgElement(try layout(dot)) + "\n")
            try out("<p class=\"basis\">\(chartScope) Arrows run from controller to controlled, labelled with the role and the power it gives. Dashed: a relation whose controller disclaims beneficial ownership (Rule 13d-4). Dotted grey: control cut by the rule of three. Blue outline: a group (Rule 13d-5(b)). Shaded: over 5%. Laid out by Graphviz.</p>\n")
        case .nobody:
            try out("<p class=\"basis\">No person to chart: no holder of the class, or, in a class of more holders than a chart shows, none over 5%.</p>\n")
        case .tooMany(let n):
            try out("<p class=\"basis\">\(grouped(n)) persons are over 5% or linked to one; a chart of more than \(ControlChart.maximumBoxes) is left out. The tables below list every holder.</p>\n")
        }
        try explanations(c, o, shown.persons, attributor: attributor, to: out)
        try out("<h2>Percent of class</h2>\n")
        try percentChart(c, o, to: out)
        try out("<h2>Beneficial ownership</h2>\n")
        try table(Reports.ownership(c, [o]), to: out)
        try out("<h2>Cap table</h2>\n")
        try table(Reports.capTable(c, [capTable]), to: out)
        try out("<p class=\"basis\">\(e(CapTable.basis)).</p>\n</section>\n")
    }

    /// The id of a person's explanation in the report.
    static func anchor(_ k: Int, _ p: Int) -> String { "explain-\(k)-\(p)" }

    /// Each person the chart shows (at most `ControlChart.maximumBoxes`):
    /// its figures with the shares it could still buy before it, a
    /// controller or a group crosses the next line, and, opened, the
    /// explanation of each figure (`captable explain`).
    static func explanations(_ c: Case, _ o: ClassOwnership, _ persons: [Int], attributor: Attributor?,
                             to out: (String) throws -> Void) throws {
        let e = Markup.escaped
        guard !persons.isEmpty, persons.count <= ControlChart.maximumBoxes else { return }
        // The class's lots on the date, taken out of the book once for every person's questions.
        let base = c.replayed(through: o.asOf).restricted(toClass: o.classIndex)
        try out("<h2>Each person</h2>\n<p class=\"basis\">Headroom: the shares the person could still buy in the market before it, a person its shares are attributed to, or a group of either crosses the next line (<code>captable headroom</code>). Open a person for where each figure comes from (<code>captable explain</code>).</p>\n")
        for p in persons {
            guard let explanation = Explanation.of(base, person: p, classIndex: o.classIndex, asOf: o.asOf, attributor: attributor) else { continue }
            let row = explanation.row
            var summary = "\(e(c.persons[p].name)): \(grouped(row.aggregate.count)) shares, \(row.percentOfClass.text)"
            if let line = Threshold.standard.first(where: { !$0.isCrossed(by: row.beneficialPercent) }),
               let h = Headroom.rows(base, classIndex: o.classIndex, asOf: o.asOf, person: p, by: .purchase, lines: [line],
                                     attributor: attributor).first {
                let binds = h.binding.map { $0 == p ? "" : ", when \(e(c.persons[$0].name)) crosses first" } ?? " (all there is to buy)"
                summary += "; headroom to \(e(line.description)): <b>\(grouped(h.shares.count))</b> shares\(binds)"
            } else {
                summary += "; over every line"
            }
            try out("<details class=\"person\" id=\"\(anchor(o.classIndex, p))\"><summary>\(summary)</summary>\n")
            try out(ExplanationReport.html(c, explanation))
            try out("</details>\n")
        }
    }

    /// The `<svg>` element of Graphviz's output, without the XML prolog,
    /// doctype and comments before it.
    static func svgElement(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return svg }
        var element = svg[start.lowerBound...]
        while element.last?.isNewline == true { element = element.dropLast() }
        return String(element)
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
        details.person{font-size:12px;margin:4px 0}details.person summary{cursor:pointer}
        details.person h4{font-size:12px;margin:8px 0 2px}.d1{margin-left:16px}.d2{margin-left:32px;color:#555}
        </style>
        </head>
        <body>

        """
    public static let pageEnd = "</body>\n</html>\n"

    /// A document's rows as an HTML table (the columns people read), a row at a time.
    static func table(_ doc: Document, to out: (String) throws -> Void) throws {
        let e = Markup.escaped
        let shown = doc.columns.indices.filter { doc.columns[$0].forPeople }
        try out("<table>\n<thead><tr>" + shown.map { "<th>\(e(doc.columns[$0].title))</th>" }.joined() + "</tr></thead>\n<tbody>\n")
        for section in doc.sections {
            for row in section.rows {
                try out("<tr>" + shown.map { i -> String in
                    switch row[i] {
                    case .count(let n): return "<td class=\"n\">\(grouped(n))</td>"
                    case .decimal(let s): return "<td class=\"n\">\(e(s))</td>"
                    case .text(let s): return "<td>\(e(s))</td>"
                    case .flag(let b): return "<td>\(b ? "yes" : "")</td>"
                    case .list(let items): return "<td>\(e(items.joined(separator: "; ")))</td>"
                    }
                }.joined() + "</tr>\n")
            }
        }
        try out("</tbody>\n</table>\n")
    }

    // MARK: The percent chart

    /// Each person's and group's percent of class as a bar, against the lines.
    static func percentChart(_ c: Case, _ o: ClassOwnership, to out: (String) throws -> Void) throws {
        let e = Markup.escaped
        let labelWidth = 300, plot = 620, bar = 16, gap = 6, top = 28
        let maxPercent = o.rows.map(\.percentOfClass.percent).max() ?? .zero
        var scale = 25
        while Fraction(scale) < maxPercent { scale += 5 }
        func x(_ percent: Fraction) -> Int { labelWidth + Int((percent * Fraction(plot) / Fraction(scale)).floor) }
        let height = top + o.rows.count * (bar + gap) + 20
        let width = labelWidth + plot + 80
        try out("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Percent of class\">\n")
        for (i, row) in o.rows.enumerated() {
            var svg = ""
            let p = row.percentOfClass
            let y = top + i * (bar + gap)
            let color = Threshold.twentyPercent.isCrossed(by: p) ? "#c0392b" : Threshold.tenPercent.isCrossed(by: p) ? "#e67e22"
                : Threshold.fivePercent.isCrossed(by: p) ? "#f1c40f" : "#7f8c9d"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 12)\" font-size=\"11\" text-anchor=\"end\">\(e(ControlChart.shortened(c.persons[row.person].name, 44)))</text>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(1, x(p.percent) - labelWidth))\" height=\"\(bar)\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(x(p.percent) + 6)\" y=\"\(y + 12)\" font-size=\"11\">\(e(p.text))</text>\n"
            try out(svg)
        }
        var svg = ""
        for line in [5, 10, 20] where line <= scale {
            let lx = x(Fraction(line))
            svg += "<line class=\"threshold\" x1=\"\(lx)\" y1=\"\(top - 8)\" x2=\"\(lx)\" y2=\"\(height - 14)\" stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(lx)\" y=\"\(top - 12)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#c0392b\">\(line)%</text>\n"
        }
        try out(svg + "</svg>\n")
    }
}
