/**
 * An id (the `Slug` shape: letters, digits, '-' and '_', starting with a letter or digit, max 64) made from a name, so
 * a new journey's id can follow its name: "Summer Sale: 20% off!" -> "summer-sale-20-off". Accents are dropped
 * ("Café" -> "cafe"); a name with no letters or digits gives "".
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}
