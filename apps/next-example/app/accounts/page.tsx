export default function AccountsPage() {
  return (
    <main>
      <h1>Your accounts</h1>
      <p>Your bank is linked.</p>
    </main>
  );
}
