[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("storyeval")]
