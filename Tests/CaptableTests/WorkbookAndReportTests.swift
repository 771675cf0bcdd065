import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Reads a part of a zip archive with `unzip -p`.
func zipPart(_ archive: URL, _ part: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", archive.path, part]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// A worksheet's cells by row: numbers as their text, strings resolved.
func sheetRows(_ archive: URL, sheet: Int) throws -> [[String: String]] {
    // Strings are shared (t="s"), or inline (t="inlineStr", as a workbook written a row at a time has them).
    let strings = (try? zipPart(archive, "xl/sharedStrings.xml")).flatMap(TreeBuilder.parse)?.all("si").map { si in si.first("t")?.text ?? "" } ?? []
    let xml = try zipPart(archive, "xl/worksheets/sheet\(sheet).xml")
    let root = try #require(TreeBuilder.parse(xml))
    // Cells by column letters (a blank cell is left out of the XML).
    var rows: [[String: String]] = []
    for row in root.first("sheetData")?.all("row") ?? [] {
        var cells: [String: String] = [:]
        for cell in row.all("c") {
            let column = String((cell.attributes["r"] ?? "").prefix { $0.isLetter })
            let v = cell.value("v") ?? ""
            switch cell.attributes["t"] {
            case "s": cells[column] = strings[Int(v)!]
            case "inlineStr": cells[column] = cell.first("is")?.first("t")?.text ?? ""
            default: cells[column] = v
            }
        }
        rows.append(cells)
    }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { row in
        Dictionary(header.map { ($0.value, row[$0.key] ?? "") }, uniquingKeysWith: { a, _ in a })
    }
}

@Suite struct WorkbookTests {
    static func export(_ dir: String) throws -> URL {
        let out = try Harness.temporaryDirectory().appendingPathComponent("book.xlsx")
        let run = try Harness.run(["export", dir, "--format", "xlsx", "--output", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        return out
    }

    /// The ownership sheet carries every cover-page figure of the seed as a number.
    @Test func seedFiguresAsNumbers() throws {
        let book = try Self.export("Inputs/savvis-2001")
        let workbook = try zipPart(book, "xl/workbook.xml")
        for name in ["Ownership", "Cap table", "Instruments", "Sources"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let rows = try sheetRows(book, sheet: 1)
        let byPerson = Dictionary(uniqueKeysWithValues: rows.map { ($0["Person"]!, $0) })
        for e in seedCoverPages {
            let row = try #require(byPerson[e.id])
            #expect(row["Aggregate"] == String(e.shares))
            #expect(row["Sole vote"] == String(e.shares))
            #expect(row["Shared vote"] == "0")
            #expect(row["Sole disp."] == String(e.shares))
            #expect(row["Shared disp."] == "0")
            #expect(row["Percent"] == e.percentText.lowercased())
        }
        #expect(byPerson["wcas-group"]?["Aggregate"] == "29611670")
        // Item 5(a): the general partners and the individuals, their totals as numbers.
        let item5 = ["viii-associates": 20_762_457, "vii-partners": 3_475_566, "vi-partners": 4_635_958,
                     "cp2-partners": 667_761, "info-partners": 65_357, "welsh": 198_832, "carson": 173_180,
                     "anderson": 214_054, "stowe": 19_470, "paul": 124_847, "mcinerney": 173_180, "vanburen": 1_335,
                     "hoover": 12_931, "minicucci": 59_711, "denicola": 24_993, "queally": 5_221, "sorrel": 15_238,
                     "rupert": 7_684, "rather": 1_523]
        for (person, shares) in item5 { #expect(byPerson[person]?["Aggregate"] == String(shares), "\(person)") }
        // Numbers are numbers: no "t" (string) attribute on the aggregate cells.
        let sheet = try zipPart(book, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<v>20762457</v>"))
        #expect(sheet.contains("<pane ySplit=\"1\""))  // the header row is frozen
        #expect(sheet.contains("<cols>"))              // column widths set
        let styles = try zipPart(book, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"#,##0\""))
        #expect(styles.contains("formatCode=\"0.000000\""))
    }

    /// The cap table sheet: 117,811,556 fully diluted; instruments with their conversion figures.
    @Test func capTableAndInstruments() throws {
        let book = try Self.export("Inputs/savvis-2001")
        let cap = try sheetRows(book, sheet: 2)
        #expect(cap.first { $0["Name"] == "Total" }?["Fully diluted"] == "117811556")
        let instruments = try sheetRows(book, sheet: 3)
        #expect(instruments.first { $0["Instrument"] == "R-01" }?["Shares on the date"] == "14512457")
        #expect(instruments.first { $0["Instrument"] == "stock-option-plan" }?["Shares on the date"] == "8732537")
        let sources = try sheetRows(book, sheet: 4)
        #expect(sources.contains { $0["Item"] == "as of (common)" && $0["Value"] == "2001-02-20" })
    }

    /// Text that a spreadsheet could run is neutralised, as in every CSV.
    @Test func formulasNeutralised() throws {
        let book = try Self.export(try HostileNameTests.hostileCase().path)
        let names = try sheetRows(book, sheet: 1).map { $0["Name"]! }
        #expect(names.contains("'=HYPERLINK(\"http://x\",\"y\")"))
        #expect(names.contains("<script>alert(1)</script>"))  // a string cell, kept as written
    }
}

@Suite struct HTMLReportTests {
    static func report(_ dir: String) throws -> (URL, String) {
        let out = try Harness.temporaryDirectory().appendingPathComponent("report.html")
        let run = try Harness.run(["export", dir, "--format", "html", "--output", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        return (out, try String(contentsOf: out, encoding: .utf8))
    }

    @Test func selfContainedWithTheChart() throws {
        let (_, html) = try Self.report("Inputs/savvis-2001")
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        // Boxes for the six funds, the five general partners and the individuals; one group outline.
        let boxes = html.components(separatedBy: "class=\"node person\"").count - 1
        #expect(boxes == 33)
        #expect(html.components(separatedBy: "class=\"cluster group\"").count - 1 == 1)
        #expect(html.contains("group: The WCAS reporting persons"))
        // 49 relations: five GPs' (solid) and 44 disclaimed (dashed).
        #expect(html.components(separatedBy: "class=\"edge control disclaimed\"").count - 1 == 44)
        #expect(html.components(separatedBy: "class=\"edge control\"").count - 1 == 5)
        #expect(html.components(separatedBy: "class=\"threshold\"").count - 1 == 3)
        // Each box links to its person's entry: headroom to the next line, and the explanation.
        #expect(html.components(separatedBy: "xlink:href=\"#explain-0-").count - 1 == 33)
        #expect(html.components(separatedBy: "<details class=\"person\" id=\"explain-0-").count - 1 == 33)
        #expect(html.contains("Welsh, Carson, Anderson &amp; Stowe VIII, L.P.: 20,762,457 shares, 19.2%; headroom to 20% or more: <b>886,275</b> shares, when Anthony J. deNicola crosses first"))
        #expect(html.contains("<h4>Aggregate (row 11): 20,762,457 shares = 6,250,000 + 14,512,457</h4>"))
        // Graphviz's output is embedded as an element, without its prolog.
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("<!DOCTYPE svg"))
    }

    /// A case of `holders` holders of 1,000 shares each and, when given, one
    /// fund of `fundShares` whose general partner is an individual.
    static func wideCase(holders: Int, fundShares: Int?) throws -> URL {
        var persons = "id,name,kind\n", holdings = "holder,class,shares\n"
        for i in 0..<holders {
            persons += "h\(i),Holder \(i),individual\n"
            holdings += "h\(i),common,1000\n"
        }
        var relations = "controller,controlled,role,voting,dispositive\n"
        var outstanding = holders * 1000
        if let fundShares {
            persons += "fund,The Fund L.P.,entity\ngp,Fund GP LLC,entity\n"
            holdings += "fund,common,\(fundShares)\n"
            relations += "gp,fund,general_partner,sole,sole\n"
            outstanding += fundShares
        }
        return try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\ncommon,Wide Co.,Common Stock,\(outstanding),2024-01-31\n",
            "persons.csv": persons, "holdings.csv": holdings, "relations.csv": relations,
        ])
    }

    /// A class of more holders than a chart shows charts only those over 5%
    /// and those linked to them; with none over 5% it says so.
    @Test func largeClassChartsOnlyWhatMatters() throws {
        let (_, some) = try Self.report(try Self.wideCase(holders: 400, fundShares: 100_000).path)
        // The fund (100,000 of 500,000: 20%) and its general partner; no other holder.
        #expect(some.components(separatedBy: "class=\"node person\"").count - 1 == 2)
        #expect(some.contains("The persons over 5% of the class and those linked to them"))
        #expect(some.contains("The Fund L.P."))
        let (_, none) = try Self.report(try Self.wideCase(holders: 400, fundShares: nil).path)
        #expect(!none.contains("class=\"node person\""))
        #expect(none.contains("No person to chart"))
    }

    /// Without Graphviz's dot the report is refused (exit 69), not written without its chart.
    @Test func withoutGraphvizRefused() throws {
        let empty = try Harness.temporaryDirectory()
        let out = empty.appendingPathComponent("report.html")
        let run = try Harness.run(["export", "Inputs/savvis-2001", "--format", "html", "--output", out.path],
                                  environment: ["PATH": empty.path])
        #expect(run.status == 69)
        #expect(run.stderr.contains("Graphviz's dot program, which is not on the PATH"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func hostileNamesEscaped() throws {
        let (_, html) = try Self.report(try HostileNameTests.hostileCase().path)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// In a real browser: the rendered page shows the seed's figures; a screenshot is written.
    @Test(.enabled(if: chromium != nil)) func rendersInChromium() throws {
        let (url, _) = try Self.report("Inputs/savvis-2001")
        func chrome(_ args: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.chromium!)
            process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + args + [url.absoluteString]
            let out = try Harness.temporaryDirectory().appendingPathComponent("out")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let handle = try FileHandle(forWritingTo: out)
            process.standardOutput = handle
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try handle.close()
            return try String(contentsOf: out, encoding: .utf8)
        }
        let dom = try chrome(["--dump-dom"])
        for figure in ["20,762,457", "19.2%", "29,611,670", "27.3%", "93,840,935", "117,811,556"] {
            #expect(dom.contains(figure), "\(figure) not rendered")
        }
        let shot = Harness.root.appendingPathComponent(".build/report-screenshot.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try chrome(["--window-size=1400,1900", "--screenshot=\(shot.path)"])
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }
}
