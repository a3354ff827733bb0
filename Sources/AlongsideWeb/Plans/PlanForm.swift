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

    init(_ fields: [String: String]) {
        func text(_ key: String) -> String { fields[key] ?? "" }
        plan = CarePlan(whatMatters: text("what_matters"), strengths: text("strengths"), supporters: text("supporters"),
                        reviewOn: fields["review_on"])
        version = fields["version"].flatMap { Int($0) }
        let goalNumbers = Set(fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("goal-") else { return nil }
            return Int(key.dropFirst(5).prefix { $0.isNumber })
        }).sorted()
        for g in goalNumbers {
            let prefix = "goal-\(g)-"
            if fields[prefix + "remove"] == "yes" { continue }
            let stepNumbers = Set(fields.keys.compactMap { key -> Int? in
                guard key.hasPrefix(prefix + "step-") else { return nil }
                return Int(key.dropFirst(prefix.count + 5).prefix { $0.isNumber })
            }).sorted()
            var steps: [GoalStep] = []
            for s in stepNumbers {
                let sp = prefix + "step-\(s)-"
                let step = GoalStep(what: text(sp + "what"), who: text(sp + "who"), byWhen: fields[sp + "by_when"])
                if step.what.trimmed.isEmpty && step.who.trimmed.isEmpty && (step.byWhen ?? "").trimmed.isEmpty { continue }
                steps.append(step)
            }
            let words = text(prefix + "words")
            let progressText = text(prefix + "progress").trimmed
            if words.trimmed.isEmpty && steps.isEmpty && fields[prefix + "id"].flatMap(UUID.init(uuidString:)) == nil { continue }
            plan.goals.append(Goal(id: fields[prefix + "id"].flatMap(UUID.init(uuidString:)) ?? UUID(), words: words,
                                   category: GoalCategory(rawValue: text(prefix + "category")) ?? .other, steps: steps,
                                   progress: progressText.isEmpty ? nil : Int(progressText) ?? -1))
        }
    }

    /// The form field for a field named by AlongsideCore, e.g. `goals[1].steps[0].who` → `goal-1-step-0-who`.
    static func formField(_ core: String) -> String {
        core.replacingOccurrences(of: "goals[", with: "goal-").replacingOccurrences(of: "].steps[", with: "-step-")
            .replacingOccurrences(of: "].", with: "-")
    }

    static func formErrors(_ errors: [FieldError]) -> [FieldError] { errors.map { FieldError(formField($0.field), $0.message) } }
}
