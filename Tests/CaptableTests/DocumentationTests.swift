import Foundation
import Testing

/// The README and every walk-through in Examples/ show commands with their
/// output in ```console blocks. This test runs each command and compares;
/// with UPDATE_EXAMPLES=1 in the environment it writes the output instead.
/// An output that ends with a line `…` is an excerpt: its lines must be the
/// first lines of the real output. A block opened as ```csv PATH shows a
/// file of the repository and must equal it.
@Suite struct DocumentationTests {
    static var documents: [String] {
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: Harness.root.appendingPathComponent("Examples").path)) ?? []
        return ["README.md"] + examples.filter { $0.hasSuffix(".md") }.sorted().map { "Examples/" + $0 }
    }

    @Test(arguments: documents)
    func commandsShowTheirOutput(_ document: String) throws {
        let url = Harness.root.appendingPathComponent(document)
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var rewritten: [String] = []
        var commands = 0
        var i = 0
        while i < lines.count {
            rewritten.append(lines[i])
            if lines[i].hasPrefix("```csv ") {
                let path = String(lines[i].dropFirst("```csv ".count))
                i += 1
                var block: [String] = []
                while i < lines.count && lines[i] != "```" { block.append(lines[i]); i += 1 }
                let file = try String(contentsOf: Harness.root.appendingPathComponent(path), encoding: .utf8)
                #expect(block.joined(separator: "\n") + "\n" == file, "\(document): \(path) differs from the file")
                rewritten.append(contentsOf: block)
                commands += 1
                continue
            }
            guard lines[i] == "```console" else { i += 1; continue }
            i += 1
            var block: [String] = []
            while i < lines.count && lines[i] != "```" { block.append(lines[i]); i += 1 }
            var j = 0
            while j < block.count {
                guard block[j].hasPrefix("$ captable ") else { j += 1; continue }
                let command = block[j]
                j += 1
                var expected: [String] = []
                while j < block.count && !block[j].hasPrefix("$ ") { expected.append(block[j]); j += 1 }
                let run = try Harness.run(Self.words(String(command.dropFirst("$ captable ".count))))
                var actual = (run.stdout + run.stderr).components(separatedBy: "\n")
                while actual.last == "" { actual.removeLast() }
                rewritten.append(command)
                if expected.last == "…" {
                    let shown = Array(expected.dropLast())
                    #expect(Array(actual.prefix(shown.count)) == shown, "\(document): \(command)")
                    rewritten.append(contentsOf: Array(actual.prefix(shown.count)) + ["…"])
                } else {
                    #expect(actual == expected, "\(document): \(command)")
                    rewritten.append(contentsOf: actual)
                }
                commands += 1
            }
            if i < lines.count { rewritten.append(lines[i]) }
            i += 1
        }
        #expect(commands > 0, "\(document) shows no command")
        if ProcessInfo.processInfo.environment["UPDATE_EXAMPLES"] == "1" {
            try rewritten.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Splits a command line on spaces, keeping "double-quoted words" whole.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], word = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == " " && !quoted {
                if !word.isEmpty { words.append(word); word = "" }
            } else { word.append(ch) }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}
