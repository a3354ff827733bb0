import AlongsideCore
import Foundation

/// The plan editor's fields, flat so a browser without script can post them: `goal-0-words`,
/// `goal-0-step-1-who`. Blank goals and steps (the spare rows) are left out. A form shown again after a
/// problem is drawn from the plan as read, so goal and step numbers there are the plan's own.
struct PlanForm {
    var plan: CarePlan
    var version: Int?

    static let spareGoals = 1
    static let spareSteps = 1

    /// Set when the form holds more goals or steps than a plan can: nothing else is read, so a post with
    /// thousands of fields costs no more than reading it once.
    var tooMany: FieldError?

    /// Reads the fields in one pass: each `goal-G-…` key is filed under its goal and step numbers.
    init(_ fields: [String: String]) {
        func text(_ key: String) -> String { fields[key] ?? "" }
        plan = CarePlan(whatMatters: text("what_matters"), strengths: text("strengths"), supporters: text("supporters"),
                        reviewOn: fields["review_on"])
        version = fields["version"].flatMap { Int($0) }
        var goals: [Int: [String: String]] = [:]
        var steps: [Int: [Int: [String: String]]] = [:]
        var numbers = Set<Int>()
        for (key, value) in fields where key.hasPrefix("goal-") {
            let rest = key.dropFirst(5)
            guard let g = Int(rest.prefix { $0.isNumber }) else { continue }
            let field = rest.drop { $0.isNumber }.dropFirst()
            if field.hasPrefix("step-") {
                let stepRest = field.dropFirst(5)
                guard let s = Int(stepRest.prefix { $0.isNumber }) else { continue }
                steps[g, default: [:]][s, default: [:]][String(stepRest.drop { $0.isNumber }.dropFirst())] = value
            } else {
                goals[g, default: [:]][String(field)] = value
            }
            numbers.insert(g)
            if numbers.count > CarePlan.maxGoals + Self.spareGoals {
                tooMany = FieldError("goal-0-words", "A plan can hold up to \(CarePlan.maxGoals) goals. Nothing was saved.")
                return
            }
        }
        if steps.values.contains(where: { $0.count > CarePlan.maxSteps + Self.spareSteps }) {
            tooMany = FieldError("goal-0-words", "A goal can have up to \(CarePlan.maxSteps) steps. Nothing was saved.")
            return
        }
        for g in numbers.sorted() {
            let goal = goals[g] ?? [:]
            if goal["remove"] == "yes" { continue }
            var kept: [GoalStep] = []
            for (_, step) in (steps[g] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let s = GoalStep(what: step["what"] ?? "", who: step["who"] ?? "", byWhen: step["by_when"])
                if s.what.trimmed.isEmpty && s.who.trimmed.isEmpty && (s.byWhen ?? "").trimmed.isEmpty { continue }
                kept.append(s)
            }
            let words = goal["words"] ?? ""
            let progressText = (goal["progress"] ?? "").trimmed
            let id = goal["id"].flatMap(UUID.init(uuidString:))
            if words.trimmed.isEmpty && kept.isEmpty && id == nil { continue }
            plan.goals.append(Goal(id: id ?? UUID(), words: words, category: GoalCategory(rawValue: goal["category"] ?? "") ?? .other,
                                   steps: kept, progress: progressText.isEmpty ? nil : Int(progressText) ?? -1))
        }
    }

    /// The form field for a field named by AlongsideCore, e.g. `goals[1].steps[0].who` → `goal-1-step-0-who`.
    static func formField(_ core: String) -> String {
        core.replacingOccurrences(of: "goals[", with: "goal-").replacingOccurrences(of: "].steps[", with: "-step-")
            .replacingOccurrences(of: "].", with: "-")
    }

    static func formErrors(_ errors: [FieldError]) -> [FieldError] { errors.map { FieldError(formField($0.field), $0.message) } }
}
