import ArgumentParser
import CapTableCore
import InputFiles
import Foundation

/// `captable import`: other formats to a case directory.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Other formats to a case directory: an Open Cap Format package, a filed Schedule 13D or 13G (EDGAR XML).",
        subcommands: [OCFImportCommand.self, Schedule13Import.self])
}

struct Schedule13Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule13",
        abstract: "A filed Schedule 13D or 13G (EDGAR XML) to persons, holdings reproducing each reporting person's rows 7 to 11, and filings.csv.")

    @Argument(help: "The filing: EDGAR Schedule 13D or 13G XML.")
    var filing: String

    @OptionGroup var target: ImportTarget

    @Option(name: .customLong("person"), help: "Import only this reporting person, by its name in the filing (repeatable; default: every one).")
    var persons: [String] = []

    @Option(help: "The class's shares outstanding (default: the class's figure when merging, else estimated from the largest holder's rows 11 and 13).")
    var outstanding: String?

    @Option(name: .customLong("class"), help: "The id of the class (default: the class with the filing's CUSIP when merging, else \"common\").")
    var classID: String?

    @Option(help: "The filing's accession number, for filings.csv.")
    var accession: String?

    func run() throws {
        let filed: FiledSchedule
        switch FiledSchedule.read(path: filing) {
        case .success(let f): filed = f
        case .failure(let e): throw Status.failure(e, reading: filing)
        }
        let existing = try target.existingCase()
        let chosen = persons.isEmpty ? filed.persons : filed.persons.filter { persons.contains($0.name) }
        for name in persons where !filed.persons.contains(where: { $0.name == name }) {
            printError("error: \"\(name)\" is not a reporting person of \(filing) (\(filed.persons.map(\.name).joined(separator: "; ")))")
            throw Status.usage
        }
        // The class: the case's with the filing's CUSIP, or a new one.
        let cusip = filed.cusip?.filter { !$0.isWhitespace }
        let known = existing.flatMap { c in classID.flatMap(c.classIndex) ?? c.classes.firstIndex { $0.cusip?.filter { !$0.isWhitespace } == cusip && cusip != nil } }
        let classIDText = known.map { existing!.classes[$0].id } ?? classID ?? "common"
        var total: Int?
        if let outstanding {
            switch ValueParser.shares(outstanding, column: "--outstanding") {
            case .success(let s): total = s.count
            case .failure(let e): printError("error: \(e.message)"); throw Status.usage
            }
        } else if let k = known {
            total = existing!.sharesOutstanding(classIndex: k).count
        } else if let largest = filed.persons.filter({ $0.percent > .zero }).max(by: { $0.aggregate < $1.aggregate }) {
            // Each filer's percent is of its own denominator; the largest holder's gives the nearest figure.
            let estimate = (largest.aggregate.fraction * Fraction(100) / largest.percent)
            total = Int((estimate + Fraction(1, 2)).floor)
            printError("note: shares outstanding estimated at \(grouped(total!)) from \(largest.name)'s rows 11 and 13; give --outstanding for the issuer's figure")
        }
        guard let total else { printError("error: no reporting person gives a percent to estimate shares outstanding from; give --outstanding"); throw Status.usage }
        // Joint filers report the same shares each: as lots of their own they would be counted more than once.
        let held = chosen.reduce(0) { $0 + $1.aggregate.count } + (known.map { k in existing!.holdings.indices.reduce(0) { existing!.holdings.classIndex($1) == k ? $0 + existing!.holdings.shareCount($1) : $0 } } ?? 0)
        if held > total {
            printError("error: the reporting persons' aggregates add up to \(grouped(held)) shares, more than the \(grouped(total)) outstanding: joint filers report the same shares, which as lots of each would be counted more than once. Import the holders of record with --person, and add the others' control in relations.csv")
            throw Status.dataError
        }
        var rows = ImportRows()
        rows.headers = [
            "classes.csv": ["class", "issuer", "title", "cusip", "outstanding", "as_of"],
            "persons.csv": ["id", "name", "kind", "type", "citizenship_code", "reporting", "source_of_funds"],
            "holdings.csv": ["holder", "class", "shares", "voting", "dispositive", "note"],
            "filings.csv": ["person", "class", "form", "filed", "event_date", "shares", "percent", "accession", "note"],
        ]
        if known == nil {
            rows.add("classes.csv", ["class": classIDText, "issuer": filed.issuerName, "title": filed.classTitle, "cusip": filed.cusip ?? "",
                                     "outstanding": String(total), "as_of": filed.eventDate.description])
        }
        var taken = Set(existing?.persons.map(\.id) ?? [])
        let source = (filing as NSString).lastPathComponent
        for f in chosen {
            guard let lots = f.lots else {
                printError("\(f.location): error: \(f.name)'s rows 7 to 11 cannot be lots: a power is more than the aggregate, or shares would have no power")
                throw Status.dataError
            }
            let id: String
            if let p = existing?.persons.firstIndex(where: { $0.name == f.name }) {
                id = existing!.persons[p].id
            } else {
                id = FiledSchedule.id(from: f.name, taken: taken)
                taken.insert(id)
                rows.add("persons.csv", ["id": id, "name": f.name, "kind": f.types.contains("IN") ? "individual" : "entity",
                                         "type": f.types.first ?? "OO", "citizenship_code": f.citizenshipCode ?? "",
                                         "reporting": "yes", "source_of_funds": f.fundTypes.joined(separator: ";")])
            }
            for lot in lots {
                rows.add("holdings.csv", ["holder": id, "class": classIDText, "shares": String(lot.shares.count),
                                          "voting": lot.voting.word, "dispositive": lot.dispositive.word,
                                          "note": "rows 7 to 11 of \(filed.form.title), event of \(filed.eventDate) (\(source))"])
            }
            rows.add("filings.csv", ["person": id, "class": classIDText, "form": filed.form.rawValue,
                                     "filed": (filed.signatureDate ?? filed.eventDate).description,
                                     "event_date": filed.eventDate.description, "shares": String(f.aggregate.count),
                                     "percent": f.percentText, "accession": accession ?? "", "note": "imported from \(source)"])
        }
        try target.write(rows)
        print("\(chosen.count) reporting person\(chosen.count == 1 ? "" : "s") of \(filed.form.title) imported to \(target.to)")
    }
}

/// Where an import writes: a new or empty directory, or, with `merge`, a
/// case whose files keep every row and column (docs/outputs.md says what
/// each import keeps).
struct ImportTarget: ParsableArguments {
    @Option(help: "The case directory to write (new or empty), or, with --merge, to add to.")
    var to: String

    @Flag(help: "Add to the case in --to, keeping every row and column of its files (what each import keeps: docs/outputs.md).")
    var merge = false

    @Flag(help: "Write into a directory that is not empty, replacing its files of the same names.")
    var force = false

    /// The case in `to` when merging (nil otherwise), after checking that
    /// the directory is what the flag says.
    func existingCase() throws -> Case? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: to, isDirectory: &isDirectory)
        if merge {
            guard exists, isDirectory.boolValue else { printError("\(to): error: --merge needs an existing case directory"); throw Status.cannotOpenInput }
            switch CaseLoader.load(directory: to) {
            case .success(let c): return c
            case .failure:
                printError("\(to): error: the case cannot be read; run captable validate \(to)")
                throw Status.dataError
            }
        }
        if exists, !force, !((try? fm.contentsOfDirectory(atPath: to)) ?? []).isEmpty {
            printError("\(to): error: the directory is not empty; add to the case in it with --merge, or replace its files with --force")
            throw Status.cannotCreateOutput
        }
        return nil
    }

    /// Writes every file the import touches, in a copy of the case checked
    /// by the loader first; then each file into place by renaming, so that a
    /// failure leaves the case as it was.
    func write(_ rows: ImportRows) throws {
        var rows = rows
        if force && !merge { rows.replacing = Set(rows.rows.keys) }
        let fm = FileManager.default
        let staging = fm.temporaryDirectory.appendingPathComponent("captable-import-\(getpid())-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        for name in (try? fm.contentsOfDirectory(atPath: to)) ?? [] where CaseLoader.knownFiles.contains(name) {
            try fm.copyItem(atPath: (to as NSString).appendingPathComponent(name), toPath: staging.appendingPathComponent(name).path)
        }
        for file in rows.rows.keys.sorted() {
            let path = staging.appendingPathComponent(file).path
            switch rows.merged(file, into: fm.contents(atPath: path).map { [UInt8]($0) }) {
            case .success(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            case .failure(let d): printError(d.description); throw Status.dataError
            }
        }
        if case .failure(let e) = CaseLoader.load(directory: staging.path) {
            if case .invalid(let ds) = e { for d in ds { printError(d.description) } }
            printError("error: the imported case does not read back; nothing written to \(to)")
            throw Status.dataError
        }
        try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
        for file in rows.rows.keys.sorted() {
            let target = URL(fileURLWithPath: (to as NSString).appendingPathComponent(file))
            let temporary = URL(fileURLWithPath: (to as NSString).appendingPathComponent(".\(file).import-\(getpid())"))
            try? fm.removeItem(at: temporary)
            try fm.copyItem(at: staging.appendingPathComponent(file), to: temporary)
            if rename(temporary.path, target.path) != 0 {
                try? fm.removeItem(at: temporary)
                printError("\(target.path): error: cannot write")
                throw Status.cannotCreateOutput
            }
        }
    }
}
