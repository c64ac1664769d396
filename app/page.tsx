export default function Home() {
  return <main>App Gateway</main>;
}
