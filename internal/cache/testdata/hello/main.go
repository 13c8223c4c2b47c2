// Command hello is an executable for TestCodeVersionIsTheBuildID to build
// with a build ID set by hand.
package main

func main() {}
