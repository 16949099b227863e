/// Level sets of a sampled function by marching squares over every cell of the grid.
///
/// Walking the whole grid (rather than following a contour from a known point) finds
/// every component of the level set, including ones no trajectory came near.
///
/// For each cell, corners with `v ≥ level` are "above". Each of the 16 above/below
/// patterns gives 0, 1 or 2 segments between crossing points on the cell's edges, placed
/// by linear interpolation along the edge:
/// ```
/// p = a + t·(b − a),   t = (level − f(a)) / (f(b) − f(a))
/// ```
/// The two saddle patterns (diagonally opposite corners above) are ambiguous; they are
/// resolved by the value at the cell centre, estimated as the mean of the four corners:
/// when the centre is above, the two above corners are joined through the centre and the
/// segments cut off the below corners; otherwise they cut off the above corners.
///
/// Segments are stitched into polylines by the identity of the grid edge each endpoint
/// lies on (not by comparing floating-point coordinates), so the pieces join exactly and
/// a level set that closes comes back as one ring. Cells with a NaN or infinite corner are
/// skipped, so level sets stop at the edge of undefined regions.
///
/// Lorensen & Cline, "Marching cubes", SIGGRAPH 1987 (the 2-D case); the centre-value
/// disambiguation is Nielson & Hamann, "The asymptotic decider", 1991, simplified to the
/// bilinear mean.
public enum MarchingSquares {
  /// The level set of `grid` at `level`.
  /// - Complexity: O(columns · rows).
  public static func contours(of grid: ScalarGrid, at level: Double) -> [ContourLine] {
    let nx = grid.columns
    let ny = grid.rows
    let edgeCount = 2 * nx * ny
    // Two neighbour slots per edge: the edges joined to it by a segment (−1 = none).
    var link0 = [Int32](repeating: -1, count: edgeCount)
    var link1 = [Int32](repeating: -1, count: edgeCount)
    var used: [Int32] = []

    func connect(_ a: Int, _ b: Int) {
      for (e, other) in [(a, b), (b, a)] {
        if link0[e] < 0 {
          link0[e] = Int32(other)
          used.append(Int32(e))
        } else {
          link1[e] = Int32(other)
        }
      }
    }

    grid.values.withUnsafeBufferPointer { v in
      for j in 0..<(ny - 1) {
        for i in 0..<(nx - 1) {
          let bl = v[j * nx + i]
          let br = v[j * nx + i + 1]
          let tr = v[(j + 1) * nx + i + 1]
          let tl = v[(j + 1) * nx + i]
          guard bl.isFinite, br.isFinite, tr.isFinite, tl.isFinite else { continue }
          var code = 0
          if bl >= level { code |= 1 }
          if br >= level { code |= 2 }
          if tr >= level { code |= 4 }
          if tl >= level { code |= 8 }
          if code == 0 || code == 15 { continue }
          let bottom = 2 * (j * nx + i)
          let top = 2 * ((j + 1) * nx + i)
          let left = 2 * (j * nx + i) + 1
          let right = 2 * (j * nx + i + 1) + 1
          switch code {
          case 1, 14: connect(left, bottom)
          case 2, 13: connect(bottom, right)
          case 3, 12: connect(left, right)
          case 4, 11: connect(right, top)
          case 6, 9: connect(bottom, top)
          case 7, 8: connect(left, top)
          case 5, 10:
            let centreAbove = (bl + br + tr + tl) / 4 >= level
            // Code 5: bl, tr above. Code 10: br, tl above.
            let cutBottomRightAndTopLeft = (code == 5) == centreAbove
            if cutBottomRightAndTopLeft {
              connect(bottom, right)
              connect(top, left)
            } else {
              connect(left, bottom)
              connect(right, top)
            }
          default: break
          }
        }
      }
    }

    func point(_ e: Int) -> PlotPoint {
      let vertex = e >> 1
      let i = vertex % nx
      let j = vertex / nx
      let va = grid.values[vertex]
      if e & 1 == 0 {
        let vb = grid.values[vertex + 1]
        let t = (level - va) / (vb - va)
        return PlotPoint(grid.xs[i] + t * (grid.xs[i + 1] - grid.xs[i]), grid.ys[j])
      } else {
        let vb = grid.values[vertex + nx]
        let t = (level - va) / (vb - va)
        return PlotPoint(grid.xs[i], grid.ys[j] + t * (grid.ys[j + 1] - grid.ys[j]))
      }
    }

    var visited = [Bool](repeating: false, count: edgeCount)
    var lines: [ContourLine] = []

    func walk(from start: Int) -> (points: [PlotPoint], closed: Bool) {
      var points: [PlotPoint] = []
      var previous = -1
      var current = start
      while true {
        visited[current] = true
        points.append(point(current))
        let a = Int(link0[current])
        let b = Int(link1[current])
        let next = a != previous ? a : b
        if next < 0 { return (points, false) }
        if next == start { return (points, true) }
        if visited[next] { return (points, false) }
        previous = current
        current = next
      }
    }

    // Open polylines start at edges with a single link.
    for e32 in used {
      let e = Int(e32)
      if !visited[e] && link1[e] < 0 {
        let (pts, _) = walk(from: e)
        lines.append(ContourLine(level: level, points: pts, isClosed: false))
      }
    }
    // Everything left is on a ring.
    for e32 in used {
      let e = Int(e32)
      if !visited[e] {
        let (pts, closed) = walk(from: e)
        lines.append(ContourLine(level: level, points: pts, isClosed: closed))
      }
    }
    return lines
  }
}
