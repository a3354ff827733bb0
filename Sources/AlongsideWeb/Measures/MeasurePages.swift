import AlongsideCore
import Foundation

/// "How am I doing?": each instrument's answers over time as a chart with the numbers beside it and one plain
/// sentence, and the form to answer one.
enum MeasurePages {
    struct Taken {
        let id: UUID
        let at: Date
        let result: MeasureResult
        let by: String?
    }

    struct InstrumentModel {
        let instrument: Instrument
        let taken: [Taken]
        let sentence: String?
    }

    struct GoalProgress {
        let number: Int
        let words: String
        /// When the plan was saved with a new rating, and the rating (0–10).
        let points: [(at: Date, value: Double)]

        var sentence: String {
            guard let first = points.first, let last = points.last else { return "" }
            return points.count == 1 ? "Goal \(number) is at \(Int(last.value)) out of 10."
                : Int(first.value) == Int(last.value) ? "Goal \(number) stayed at \(Int(last.value)) out of 10."
                : "Goal \(number) went from \(Int(first.value)) to \(Int(last.value)) out of 10."
        }
    }

    static func list(subjectID: UUID, isMe: Bool, name: String, canRecord: Bool, instruments: [InstrumentModel], goals: [GoalProgress] = [],
                     _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) {
                isMe ? "Short questionnaires about how you feel. Answer them now and again, on your own or with your link worker, to see what is changing."
                    : "The measures \(name) has completed, with what changed since their first answers."
            }
            if canRecord {
                el("ul", .class("no-print")) {
                    for instrument in Instrument.allCases {
                        el("li") { el("a", .href(SiteURL.newMeasure(subjectID).with([("instrument", instrument.rawValue)]))) { "Answer: \(instrument.shortTitle)" } }
                    }
                }
            }
            if instruments.allSatisfy({ $0.taken.isEmpty }) { el("p") { "No answers yet." } }
            if !goals.isEmpty {
                el("section", .init("aria-labelledby", "m-goals")) {
                    el("h2", .id("m-goals")) { isMe ? "My goals" : "Their goals" }
                    el("p", .class("lead change")) { goals.map(\.sentence).joined(separator: " ") }
                    LineChart.svg(id: "chart-goals", title: "How far along each goal is, over time",
                                  description: "Each goal rated from 0 (not started) to 10 (done) when the plan was saved. The numbers are in the table below.",
                                  series: goals.prefix(LineChart.colours.count).map { LineChart.Series(name: "Goal \($0.number)", points: $0.points) },
                                  yRange: 0...10, yTicks: [0, 2, 4, 6, 8, 10])
                    scrollingTable("Goals: how far along") {
                        el("thead") { el("tr") { for h in ["Goal", "First rated", "Now"] { el("th", .init("scope", "col")) { h } } } }
                        el("tbody") {
                            for goal in goals {
                                el("tr") {
                                    el("td") { "\(goal.number). \(goal.words)" }
                                    el("td") { goal.points.first.map { "\(Int($0.value)) out of 10 (\(UKDates.day($0.at)))" } ?? "" }
                                    el("td") { goal.points.last.map { "\(Int($0.value)) out of 10 (\(UKDates.day($0.at)))" } ?? "" }
                                }
                            }
                        }
                    }
                    el("p", .class("no-print")) { el("a", .href(SiteURL.plan(subjectID).path)) { isMe ? "See or change my plan" : "See the plan" } }
                }
            }
            for model in instruments where !model.taken.isEmpty {
                let id = "m-" + model.instrument.rawValue
                el("section", .init("aria-labelledby", id)) {
                    el("h2", .id(id)) { model.instrument.shortTitle }
                    if let sentence = model.sentence { el("p", .class("lead change")) { sentence } }
                    if let chart = chart(model) { chart }
                    table(model)
                }
            }
        }
    }

    static func chart(_ model: InstrumentModel) -> Node? {
        let id = "chart-" + model.instrument.rawValue
        switch model.instrument {
        case .swemwbs:
            let points = model.taken.compactMap { t in t.result.swemwbs.map { (at: t.at, value: $0.metric) } }
            guard !points.isEmpty else { return nil }
            return LineChart.svg(id: id, title: "Wellbeing score over time",
                                 description: "SWEMWBS metric score, from 7 to 35, higher is better: " + points.map { "\(UKDates.day($0.at)) \(String(format: "%.2f", $0.value))" }.joined(separator: "; "),
                                 series: [.init(name: "Wellbeing score", points: points)], yRange: 7...35, yTicks: [7, 14, 21, 28, 35])
        case .ons4:
            let series = ONS4Question.allCases.map { q in
                LineChart.Series(name: q.title + (q.higherIsBetter ? "" : " (lower is better)"),
                                 points: model.taken.compactMap { t in t.result.ons4.first { $0.question == q }.map { (at: t.at, value: Double($0.value)) } })
            }
            guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
            return LineChart.svg(id: id, title: "Personal wellbeing over time",
                                 description: "Four scores from 0 to 10: life satisfaction, worthwhile and happiness (higher is better) and anxiety (lower is better). The numbers are in the table below.",
                                 series: series, yRange: 0...10, yTicks: [0, 2, 4, 6, 8, 10])
        case .ucla3:
            let points = model.taken.compactMap { t in t.result.ucla3.map { (at: t.at, value: Double($0.total)) } }
            guard !points.isEmpty else { return nil }
            return LineChart.svg(id: id, title: "Loneliness score over time",
                                 description: "UCLA 3-item score from 3 to 9, lower is better; 6 or more is counted as lonely: " + points.map { "\(UKDates.day($0.at)) \(Int($0.value))" }.joined(separator: "; "),
                                 series: [.init(name: "Loneliness score", points: points)], yRange: 3...9, yTicks: [3, 5, 7, 9])
        case .involvement:
            return nil
        }
    }

    static func table(_ model: InstrumentModel) -> Node {
        scrollingTable("\(model.instrument.shortTitle): every answer") {
            el("thead") {
                el("tr") {
                    el("th", .init("scope", "col")) { "Date" }
                    el("th", .init("scope", "col")) { "Scores" }
                    el("th", .init("scope", "col")) { "Answers" }
                    el("th", .init("scope", "col")) { "With" }
                }
            }
            el("tbody") {
                for t in model.taken.reversed() {
                    el("tr") {
                        el("td") { UKDates.day(t.at) }
                        el("td") {
                            t.result.summary
                            if let unscored = t.result.unscored, t.result.summary != unscored { el("br"); unscored }
                        }
                        el("td") { t.result.answers.map { $0.map(String.init) ?? "–" }.joined(separator: ", ") }
                        el("td") { t.by ?? "On their own" }
                    }
                }
            }
        }
    }

    static func form(subjectID: UUID, instrument: Instrument, chosen: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p", .class("lead")) { instrument.preamble }
            el("form", .init("method", "post"), .init("action", SiteURL.measures(subjectID).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("instrument"), .value(instrument.rawValue))
                for (index, item) in instrument.items.enumerated() {
                    let error = e.first { $0.field == item.linkID }?.message
                    el("fieldset", .id(item.linkID), .class(error == nil ? "field question" : "field question field-error")) {
                        el("legend") { "\(index + 1). \(item.text)" }
                        if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
                        el("div", .class(item.options.count > 5 ? "choices scale" : "choices")) {
                            for option in item.options {
                                radio(item.linkID, String(option.value), option.label, chosen[item.linkID] == String(option.value))
                            }
                            radio(item.linkID, "skip", "Prefer not to answer", chosen[item.linkID] == "skip")
                        }
                    }
                }
                Form.button("Save my answers")
            }
        }
    }

    static func radio(_ name: String, _ value: String, _ label: String, _ checked: Bool) -> Node {
        el("div", .class("checkbox")) {
            el("input", .id("\(name)-\(value)"), .name(name), .type("radio"), .value(value), .flag("checked", checked))
            el("label", .init("for", "\(name)-\(value)")) { label }
        }
    }
}
