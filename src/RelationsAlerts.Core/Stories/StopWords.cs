namespace RelationsAlerts.Core.Stories;

/// <summary>Function words of the four languages, and capitalised words that are not names (weekdays, months).</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(
        """
        a an the of and or to in on at for with by from as is are was were be been being has have had will would shall should can could
        may might said says its it their his her this that these those after before over under into than more most also both new which who
        whom while during about up out not but per year years week weeks month months day days today next last first other others such one
        via all any some each there here then they them we our you your he she him officials official ministry government country countries
        side sides mr ms dr s
        в и на с по для что также из к о от до за при об а но не как это его ее их он она они был была были будет будут года год
        лет дней день между более около после стороны сторон уже еще этом этой том той так который которые которая
        і ў з па да што таксама ад пра гэта яго яе іх ён яна яны быў была былі будзе
        اور کے میں کی سے کو نے پر کہا گیا ہے ہیں کا ایک یہ وہ بھی تک لیے کیا گئی گئے ہو ہوا جس ان اس
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    private static readonly HashSet<string> NotNames = new(
        """
        monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
        october november december under around after during officials понедельник вторник среда четверг пятница суббота
        воскресенье январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static bool IsStopWord(string normalized) => Words.Contains(normalized);

    public static bool CannotBeName(string normalized) => Words.Contains(normalized) || NotNames.Contains(normalized);
}
