import Attribution
import CapTableCore

extension Item403Table {
    static let heading = "Security Ownership of Certain Beneficial Owners and Management"

    func marker(_ row: Row) -> String { row.footnotes.map { "(\($0))" }.joined() }

    /// The table's two parts that have rows: title, name column, rows.
    var parts: [(title: String, nameColumn: String, rows: [Row])] {
        [("Security ownership of certain beneficial owners", "Name and address of beneficial owner",
          rows.filter { $0.part == .principalHolders }),
         ("Security ownership of management", "Name of beneficial owner",
          rows.filter { $0.part != .principalHolders })].filter { !$0.rows.isEmpty }
    }

    /// Markdown, ready to paste into a proxy statement draft.
    public func markdown() -> String {
        func cell(_ s: String) -> String { Markup.inMarkdown(s).replacingOccurrences(of: "\n", with: " ") }
        var out = "## \(Self.heading)\n\n\(cell(issuer)): \(cell(title)). \(basis)\n"
        for (title, nameColumn, rows) in parts {
            out += "\n### \(title)\n\n| \(nameColumn) | Amount and nature of beneficial ownership | Percent of class |\n| --- | ---: | ---: |\n"
            for r in rows {
                let name = [r.name, r.address].compactMap { $0 }.map(cell).joined(separator: "<br>")
                let amount = (r.amount.count == 0 ? "—" : grouped(r.amount.count)) + (r.footnotes.isEmpty ? "" : " " + marker(r))
                out += "| \(name) | \(cell(amount)) | \(cell(r.percentText)) |\n"
            }
        }
        if hasStar || !footnotes.isEmpty { out += "\n" }
        if hasStar { out += "\\* Less than 1%.\n\n" }
        for (i, text) in footnotes.enumerated() { out += "(\(i + 1)) \(cell(text))\n\n" }
        return out.hasSuffix("\n\n") ? String(out.dropLast()) : out
    }

    /// One HTML fragment (a section with a table and its footnotes), every name escaped.
    public func html() -> String {
        let e = Markup.escaped
        var out = "<section class=\"item403\">\n<h2>\(e(Self.heading))</h2>\n<p>\(e(issuer)): \(e(title)). \(e(basis))</p>\n"
        for (title, nameColumn, rows) in parts {
            out += "<h3>\(e(title))</h3>\n<table>\n<thead><tr><th>\(e(nameColumn))</th><th>Amount and nature of beneficial ownership</th><th>Percent of class</th></tr></thead>\n<tbody>\n"
            for r in rows {
                let name = e(r.name) + (r.address.map { "<br>" + e($0) } ?? "")
                let notes = r.footnotes.map { "<sup><a href=\"#fn\($0)\">(\($0))</a></sup>" }.joined()
                let amount = r.amount.count == 0 ? "&#8212;" : grouped(r.amount.count)
                out += "<tr><td>\(name)</td><td class=\"number\">\(amount)\(notes)</td><td class=\"number\">\(e(r.percentText))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if hasStar { out += "<p>* Less than 1%.</p>\n" }
        if !footnotes.isEmpty {
            out += "<ol class=\"footnotes\">\n"
            for (i, text) in footnotes.enumerated() { out += "<li id=\"fn\(i + 1)\">\(e(text))</li>\n" }
            out += "</ol>\n"
        }
        return out + "</section>\n"
    }

    /// Rows for a program: part, person, figures, and the footnotes' texts.
    public func csvRows(classID: String, personID: (Int) -> String) -> [[Cell]] {
        rows.map { r in
            [.text(classID), .text(r.part.rawValue), .text(r.person.map(personID) ?? ""), .text(r.name),
             .text(r.address ?? ""), .count(r.amount.count), .decimal(r.percent.sixDecimals), .text(r.percentText),
             .list(r.footnotes.map(String.init)), .text(r.footnotes.map { "(\($0)) \(footnotes[$0 - 1])" }.joined(separator: " "))]
        }
    }

    public static let csvColumns = [
        Column("class", "Class"), Column("part", "Part"), Column("person", "Person"), Column("name", "Name"),
        Column("address", "Address"), Column("amount", "Amount"), Column("percent", "Percent"),
        Column("percent_text", "Percent of class"), Column("footnotes", "Footnotes"), Column("footnote_text", "Footnote text"),
    ]
}

extension Reports {
    /// Item 403 tables, one per class, in `format`.
    public static func item403(_ c: Case, _ results: [ClassOwnership], format: Item403Format) -> String {
        let management = Item403.Management(c)
        let tables = results.map { Item403.table(c, $0, management: management) }
        switch format {
        case .markdown:
            return tables.map { $0.markdown() }.joined(separator: "\n")
        case .html:
            return item403HTMLStart + tables.map { $0.html() }.joined() + item403HTMLEnd
        case .csv:
            var sections: [Section] = []
            for (t, r) in zip(tables, results) {
                let rows = t.csvRows(classID: c.classes[r.classIndex].id) { c.persons[$0].id }
                sections.append(Section(heading: [], metadata: [], rows: rows))
            }
            return Document(columns: Item403Table.csvColumns, sections: sections).rendered(as: .csv)
        }
    }

    public enum Item403Format: Sendable { case markdown, html, csv }

    /// The HTML page of the Item 403 tables: what comes before the tables, and after.
    public static let item403HTMLStart = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(Item403Table.heading)</title>\n"
        + "<style>table{border-collapse:collapse}td,th{padding:2px 8px;vertical-align:top}td.number{text-align:right}"
        + "th{border-bottom:1px solid #000;text-align:left}</style>\n</head>\n<body>\n"
    public static let item403HTMLEnd = "</body>\n</html>\n"
}
