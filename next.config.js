/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Keep the server-only database driver out of the bundler.
  serverExternalPackages: ["pg"],
};

export default nextConfig;
