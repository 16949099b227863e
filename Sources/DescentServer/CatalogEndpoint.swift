import DescentCore
import DescentOptimizers

/// `GET /api/catalog`: what the page's menus offer — the landscapes (narrow ravine first),
/// the optimizers with their controls, schedule examples — and the request limits.
enum CatalogEndpoint {
  static let schedules: [(label: String, text: String)] = [
    ("constant", "constant"),
    ("step decay ×0.5 every 100", "step:step-size=100,gamma=0.5"),
    ("exponential 0.99", "exponential:gamma=0.99"),
    ("inverse time 1/(1+0.01t)", "inverse-time:decay=0.01"),
    ("cosine over 300", "cosine:t-max=300"),
    ("warmup 20 + cosine", "warmup:steps=20+cosine:t-max=280"),
    ("one-cycle 300", "one-cycle:total=300"),
    ("warm restarts 50", "warm-restarts:t0=50"),
  ]

  static let body: [UInt8] = {
    var w = JSONWriter(capacity: 16384)
    w.beginObject()
    w.key("functions")
    w.beginArray()
    for preset in Preset.all {
      w.beginObject()
      w.key("name")
      w.string(preset.name)
      w.key("aliases")
      w.strings(preset.aliases)
      w.key("title")
      w.string(preset.title)
      w.key("summary")
      w.string(preset.summary)
      w.key("formula")
      w.string(preset.formula)
      w.key("window")
      writeWindow(preset.window, into: &w)
      w.key("start")
      w.numbers(preset.start)
      w.key("spacing")
      w.string(preset.spacing)
      w.endObject()
    }
    w.endArray()
    w.key("optimizers")
    w.beginArray()
    for form in OptimizerForm.available {
      w.beginObject()
      w.key("name")
      w.string(form.name)
      w.key("title")
      w.string(form.title)
      w.key("learningRate")
      w.number(form.learningRate)
      w.key("fields")
      w.beginArray()
      for f in form.fields {
        w.beginObject()
        w.key("key")
        w.string(f.key)
        w.key("label")
        w.string(f.label)
        w.key("value")
        w.number(f.value)
        w.key("min")
        w.number(f.minimum)
        w.key("max")
        w.number(f.maximum)
        w.key("step")
        w.number(f.step)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.key("schedules")
    w.beginArray()
    for s in schedules {
      w.beginObject()
      w.key("label")
      w.string(s.label)
      w.key("text")
      w.string(s.text)
      w.endObject()
    }
    w.endArray()
    w.key("scheduleSyntax")
    w.string(ScheduleSpec.syntaxHelp)
    w.key("limits")
    w.beginObject()
    w.key("maximumBodyBytes")
    w.integer(ServerLimits.maximumBodyBytes)
    w.key("maximumFormulaLength")
    w.integer(ServerLimits.maximumFormulaLength)
    w.key("landscapeResolution")
    w.integers([ServerLimits.landscapeResolution.lowerBound, ServerLimits.landscapeResolution.upperBound])
    w.key("steps")
    w.integers([ServerLimits.steps.lowerBound, ServerLimits.steps.upperBound])
    w.key("maximumRuns")
    w.integer(ServerLimits.maximumRuns)
    w.key("basinResolution")
    w.integers([ServerLimits.basinResolution.lowerBound, ServerLimits.basinResolution.upperBound])
    w.key("basinSteps")
    w.integers([ServerLimits.basinSteps.lowerBound, ServerLimits.basinSteps.upperBound])
    w.key("maximumBasinWork")
    w.integer(ServerLimits.maximumBasinWork)
    w.endObject()
    w.endObject()
    return w.bytes
  }()

  /// `GET /api`: the endpoints, for a person exploring with curl.
  static let index: [UInt8] = {
    var w = JSONWriter()
    w.beginObject()
    w.key("endpoints")
    w.beginArray()
    for (method, path, what) in [
      ("GET", "/api/catalog", "landscapes, optimizers, schedules, limits"),
      ("POST", "/api/landscape", "{function, window?, resolution?, levels?}: grid, contours, colours"),
      ("POST", "/api/trajectories", "{function, start?, steps?, tolerance?, runs: [{optimizer, schedule?, noise?, seed?}]}"),
      ("POST", "/api/curvature", "{function, point, learningRate?, window?}: curvature here and at the nearest minimum"),
      ("POST", "/api/critical-points", "{function, window?}: minima, maxima, saddles"),
      ("POST", "/api/basins", "{function, window?, resolution?, steps?, tolerance?, run}: where each start ends"),
    ] {
      w.beginObject()
      w.key("method")
      w.string(method)
      w.key("path")
      w.string(path)
      w.key("body")
      w.string(what)
      w.endObject()
    }
    w.endArray()
    w.endObject()
    return w.bytes
  }()
}
