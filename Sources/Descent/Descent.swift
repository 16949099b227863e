@_exported import DescentCore
@_exported import DescentOptimizers
@_exported import DescentAnalysis
@_exported import DescentPlot
@_exported import DescentLearning
