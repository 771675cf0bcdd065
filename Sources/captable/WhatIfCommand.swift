import ArgumentParser

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "what-if", abstract: "x")
}
