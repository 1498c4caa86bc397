// Writes the URL of each of the first PAGES pages (limit 20, by price) of every active category's
// products, following nextCursor: the keys of the products_price_many scenario.
//
//   node bench/category_pages.mjs URL PAGES OUT
import fs from 'node:fs';

const [base, pages, out] = process.argv.slice(2);
const getJson = async (path) => {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
};

const categories = (await getJson('/api/v1/categories?flat=true')).items;
const paths = [];
for (const c of categories) {
  let path = `/api/v1/products?category=${c.slug}&sort=price_asc&limit=20`;
  for (let i = 0; i < Number(pages) && path; i++) {
    paths.push(path);
    const page = await getJson(path);
    path = page.nextCursor ? `/api/v1/products?category=${c.slug}&sort=price_asc&limit=20&cursor=${page.nextCursor}` : null;
  }
}
fs.writeFileSync(out, paths.join('\n') + '\n');
console.log(`bench: ${paths.length} product pages of ${categories.length} categories`);
