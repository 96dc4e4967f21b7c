using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Leadline.UnitTests.Imports;

/// <summary>A number cell shown with a number format of its own, such as "00000" (a ZIP code).</summary>
public sealed record Formatted(double Value, string Format);

/// <summary>A formula cell with its last computed value, as Excel saves it.</summary>
public sealed record Formula(string Expression, double CachedValue);

/// <summary>
/// Writes .xlsx workbooks with DocumentFormat.OpenXml, as Excel does: strings in the shared-strings table (or
/// inline, see <see cref="BuildSheets"/>), numbers, dates as serial numbers with a date format, booleans,
/// formulas with a cached value. A row is an array of cell values (null = no cell); a null row is a row missing
/// from the sheet (a gap), an empty array a row element without cells.
/// </summary>
public static class XlsxBuilder
{
    public static byte[] Build(params object?[]?[] rows) => BuildSheets(new[] { rows });

    /// <summary>A workbook of several worksheets, in order; strings inline in the cells instead of shared with <paramref name="inlineStrings"/>.</summary>
    public static byte[] BuildSheets(IReadOnlyList<object?[]?[]> sheets, bool inlineStrings = false)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            var formats = new List<string>();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sharedIndex = new Dictionary<string, int>();

            var sheetList = workbook.Workbook.AppendChild(new Sheets());
            for (var s = 0; s < sheets.Count; s++)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                part.Worksheet = new Worksheet(data);
                for (var r = 0; r < sheets[s].Length; r++)
                {
                    if (sheets[s][r] is not { } cells)
                        continue;
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < cells.Length; c++)
                        if (cells[c] is { } value)
                            row.Append(Cell(value, $"{(char)('A' + c)}{r + 1}", formats, shared.SharedStringTable, sharedIndex, inlineStrings));
                    data.Append(row);
                }
                sheetList.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = $"Sheet{s + 1}" });
            }

            // Cell formats: 0 = General, 1 = a date (built-in format 14), 2.. = the custom formats used.
            var numberingFormats = new NumberingFormats(formats.Select((f, i) => new NumberingFormat
            {
                NumberFormatId = (uint)(164 + i), FormatCode = f,
            }));
            var cellFormats = new CellFormats(new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true });
            for (var i = 0; i < formats.Count; i++)
                cellFormats.Append(new CellFormat { NumberFormatId = (uint)(164 + i), ApplyNumberFormat = true });
            styles.Stylesheet = new Stylesheet(
                numberingFormats,
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                cellFormats);
            workbook.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static Cell Cell(object value, string reference, List<string> formats, SharedStringTable shared,
        Dictionary<string, int> sharedIndex, bool inline)
    {
        var cell = new Cell { CellReference = reference };
        switch (value)
        {
            case string text when inline:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case string text:
                if (!sharedIndex.TryGetValue(text, out var index))
                {
                    index = sharedIndex[text] = sharedIndex.Count;
                    shared.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                }
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(index);
                break;
            case bool flag:
                cell.DataType = CellValues.Boolean;
                cell.CellValue = new CellValue(flag ? "1" : "0");
                break;
            case DateTime date:
                cell.StyleIndex = 1;
                cell.CellValue = new CellValue(date.ToOADate());
                break;
            case Formatted formatted:
                if (!formats.Contains(formatted.Format))
                    formats.Add(formatted.Format);
                cell.StyleIndex = (uint)(2 + formats.IndexOf(formatted.Format));
                cell.CellValue = new CellValue(formatted.Value);
                break;
            case Formula formula:
                cell.CellFormula = new CellFormula(formula.Expression);
                cell.CellValue = new CellValue(formula.CachedValue);
                break;
            default:
                cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
        return cell;
    }
}
